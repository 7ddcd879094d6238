import { execFileSync } from 'node:child_process';
import type { SchemaFile } from './schema-files.ts';
import { topicOfPath } from './schema-files.ts';

const GIT_TIMEOUT_MS = 30_000;
const GIT_MAX_BUFFER = 64 * 1024 * 1024;

function git(root: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    timeout: GIT_TIMEOUT_MS,
    maxBuffer: GIT_MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** True when `rev` names a commit of the repository at `root` (false for a repository without commits). */
export function revisionExists(root: string, rev: string): boolean {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The schema files (`schemas/**\/*.avsc`) as they are in commit `rev`, sorted by path. */
export function readSchemaFilesAt(root: string, rev: string): SchemaFile[] {
  const listing = git(root, ['ls-tree', '-r', '-z', '--name-only', rev, '--', 'schemas']);
  return listing
    .split('\0')
    .filter((path) => path.startsWith('schemas/') && path.endsWith('.avsc'))
    .sort()
    .map((path) => ({ path, topic: topicOfPath(path), text: git(root, ['show', `${rev}:${path}`]) }));
}

/** One committed version of a schema file. */
export interface SchemaVersion {
  readonly commit: string;
  readonly text: string;
}

/**
 * Every distinct committed version of each given schema path in the history of `rev`, newest first. Data written
 * with any of them may still sit in a topic, so the current schema must read them all (BACKWARD_TRANSITIVE); it
 * also makes the gate meaningful in CI, where the change under test is already committed and HEAD equals the tree.
 */
export function readSchemaHistory(root: string, rev: string, paths: readonly string[]): Map<string, SchemaVersion[]> {
  const history = new Map<string, SchemaVersion[]>();
  for (const path of paths) {
    const versions: SchemaVersion[] = [];
    const commits = git(root, ['log', '--format=%H', rev, '--', path]).split('\n').filter(Boolean);
    for (const commit of commits) {
      const text = showFile(root, commit, path);
      // undefined: the commit deleted the file; a repeated text: an unrelated commit touched it back and forth.
      if (text !== undefined && !versions.some((v) => v.text === text)) versions.push({ commit, text });
    }
    history.set(path, versions);
  }
  return history;
}

function showFile(root: string, commit: string, path: string): string | undefined {
  try {
    return git(root, ['show', `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}
