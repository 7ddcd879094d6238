import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { InfraError } from './errors.ts';
import type { Env } from './settings.ts';

/** A Java runtime: its launcher and feature release (17, 21, 25…). */
export interface JavaRuntime {
  readonly bin: string;
  readonly major: number;
}

const JVM_DIR = '/usr/lib/jvm';

/** Feature release from a version string: "17.0.15" → 17, "1.8.0_402" → 8. */
export function javaMajor(version: string): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

function majorOf(bin: string): number | undefined {
  // A JDK's `release` file answers without starting a JVM (about 100 ms saved per candidate).
  const release = path.join(path.dirname(path.dirname(bin)), 'release');
  if (existsSync(release)) {
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(release, 'utf8'))?.[1];
    if (version) return javaMajor(version);
  }
  const probe = spawnSync(bin, ['-version'], { encoding: 'utf8', timeout: 10_000 });
  const version = /version "([^"]+)"/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  return version ? javaMajor(version) : undefined;
}

function onPath(env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'java');
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

function installedJdks(): string[] {
  if (!existsSync(JVM_DIR)) return [];
  return readdirSync(JVM_DIR)
    .map((name) => path.join(JVM_DIR, name, 'bin', 'java'))
    .filter((bin) => existsSync(bin));
}

/**
 * The first Java runtime of at least `minMajor`, in order: JAVA_HOME, `java` on PATH, then the JDKs under
 * /usr/lib/jvm newest first. Kafka 4.x needs 17; Apicurio Registry 3.3 is compiled for 21, while Debian 12's
 * default is 17, so the registry may run on a second JDK next to the default one.
 */
export function findJava(minMajor: number, purpose: string, env: Env): JavaRuntime {
  const fromHome = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined;
  const first = [fromHome, onPath(env)].filter((bin): bin is string => bin !== undefined && existsSync(bin));
  const found = [
    ...first.map((bin) => ({ bin, major: majorOf(bin) ?? 0 })),
    ...installedJdks()
      .map((bin) => ({ bin, major: majorOf(bin) ?? 0 }))
      .sort((a, b) => b.major - a.major),
  ];
  const suitable = found.find((java) => java.major >= minMajor);
  if (suitable) return suitable;
  const seen = found.map((java) => `${java.bin} (${java.major})`).join(', ') || 'none';
  throw new InfraError(
    'java_missing',
    `${purpose} needs Java ${minMajor} or newer; found: ${seen}. Install a JDK ${minMajor}+ and set JAVA_HOME to it.`,
  );
}
