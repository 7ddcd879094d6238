import type { SchemaChange } from './compatibility.ts';
import { compareSchemaSets, isBreaking } from './compatibility.ts';
import type { RegistryVerdict } from './registry-compatibility.ts';
import { checkWithRegistry, probeRegistry } from './registry-compatibility.ts';
import { readSchemaFiles } from './schema-files.ts';
import { readSchemaFilesAt, readSchemaHistory, revisionExists } from './schema-history.ts';

/** Inputs of the `schemas:check` gate. */
export interface SchemasCheckOptions {
  /** Repository root (holds `schemas/` and `.git`). */
  readonly root: string;
  /**
   * Revision to compare with, and only with. By default: HEAD and every older committed version of each schema
   * (nothing when the repository has no commit yet). Pass a revision to accept a deliberate break made since an
   * older one (before any data was produced with it).
   */
  readonly base?: string;
  /** Confluent-compatible registry base URL (…/apis/ccompat/v7); no registry check when undefined. */
  readonly registryUrl?: string;
  /** Where registryUrl came from, for the report (e.g. `--registry`, `.infra/endpoints.json`). */
  readonly registrySource?: string;
  /** Prepended to every subject (`<prefix><topic>-value`), to check against namespaced subjects. */
  readonly subjectPrefix?: string;
}

/** Outcome of the gate: the report lines and whether anything breaks. */
export interface SchemasCheckResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/**
 * The compatibility gate: every schema of the working tree must be BACKWARD compatible with its version in the
 * base revision (avsc resolution), and, when a registry is given, with the latest version registered under its
 * subject. Returns a per-schema report; `ok` is false on any break, an invalid schema, a removed schema or an
 * unreachable registry.
 */
export async function runSchemasCheck(options: SchemasCheckOptions): Promise<SchemasCheckResult> {
  const { root, registryUrl, subjectPrefix = '' } = options;
  const lines: string[] = [];
  const base = options.base ?? (revisionExists(root, 'HEAD') ? 'HEAD' : undefined);
  if (options.base !== undefined && !revisionExists(root, options.base)) {
    return { ok: false, lines: [`schemas:check: unknown revision "${options.base}"`] };
  }
  const current = readSchemaFiles(root);
  const history =
    options.base === undefined && base !== undefined
      ? readSchemaHistory(
          root,
          base,
          current.map((file) => file.path),
        )
      : undefined;
  const changes = compareSchemaSets(current, base === undefined ? [] : readSchemaFilesAt(root, base), {
    ...(base === undefined ? {} : { baseLabel: base }),
    ...(history === undefined ? {} : { history }),
  });
  const registryLabel =
    registryUrl === undefined
      ? '(none)'
      : `${registryUrl}${options.registrySource ? ` (${options.registrySource})` : ''}`;
  const baseLabel = base === undefined ? '(none: no commit yet)' : history ? `${base} and its history` : base;
  lines.push(`schemas:check: ${current.length} schemas, base ${baseLabel}, registry ${registryLabel}`);
  const unreachable = registryUrl === undefined ? undefined : await probeRegistry(registryUrl);
  if (unreachable !== undefined) {
    lines.push(`schemas:check: registry unusable: ${unreachable}`);
    lines.push('Start it with `npm run infra:up`, point --registry/SCHEMA_REGISTRY_URL at it, or pass --no-registry.');
    return { ok: false, lines };
  }

  let broken = 0;
  const textByPath = new Map(current.map((file) => [file.path, file.text]));
  for (const change of changes) {
    let breaks = isBreaking(change);
    const parts = [breaks ? `${describeGit(change, base)}: ${change.reason}` : describeGit(change, base)];
    if (change.warning) parts.push(`warning: ${change.warning}, upgrade consumers before producers`);
    const text = textByPath.get(change.path);
    if (registryUrl !== undefined && text !== undefined && change.status !== 'invalid') {
      const subject = `${subjectPrefix}${change.topic}-value`;
      const verdict = await checkWithRegistry(registryUrl, subject, text);
      breaks ||= verdict.status === 'incompatible' || verdict.status === 'error';
      parts.push(describeRegistry(subject, verdict));
    }
    if (breaks) broken += 1;
    lines.push(`  ${(breaks ? 'BREAK' : 'ok').padEnd(5)} ${change.topic.padEnd(40)} ${parts.join('; ')}`);
  }
  lines.push(
    broken === 0
      ? `schemas:check: OK, ${changes.length} schemas checked`
      : `schemas:check: ${broken} of ${changes.length} schemas break compatibility. A breaking change needs a new topic version (.v2) instead.`,
  );
  return { ok: broken === 0, lines };
}

function describeGit(change: SchemaChange, base: string | undefined): string {
  switch (change.status) {
    case 'new':
      return base === undefined ? 'new' : `new since ${base}`;
    case 'unchanged':
      return `unchanged since ${base}`;
    case 'compatible':
      return `backward compatible with ${base}`;
    case 'incompatible':
      return 'not backward compatible';
    case 'removed':
      return `removed since ${base}`;
    case 'invalid':
      return 'invalid schema';
  }
}

function describeRegistry(subject: string, verdict: RegistryVerdict): string {
  switch (verdict.status) {
    case 'subject_missing':
      return `registry: ${subject} not registered yet`;
    case 'compatible':
      return `registry: compatible with ${subject}${verdict.warning ? ` (warning: ${verdict.warning})` : ''}`;
    case 'incompatible':
      return `registry: not compatible with ${subject}: ${verdict.reasons.join('; ')}`;
    case 'error':
      return `registry: check failed for ${subject}: ${verdict.reason}`;
  }
}
