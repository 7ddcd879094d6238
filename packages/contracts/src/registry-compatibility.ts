import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompatibilityVerdict } from './compatibility.ts';
import { checkBackward } from './compatibility.ts';

/** Path of the Confluent-compatible API of Apicurio Registry 3 (ARCHITECTURE.md §2). */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

const REQUEST_TIMEOUT_MS = 10_000;
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Where the registry URL of a check came from, for the report. */
export type RegistrySource = 'flag' | 'env' | 'infra-endpoints';

/**
 * The registry to check against: `--registry` first, then SCHEMA_REGISTRY_URL, then the `schemaRegistryUrl` that
 * `npm run infra:up` recorded in `<root>/.infra/endpoints.json`; undefined when none is set.
 */
export function registryFromOptions(
  root: string,
  flag: string | undefined,
  env: Record<string, string | undefined>,
): { url: string; source: RegistrySource } | undefined {
  if (flag) return { url: ccompatBase(flag), source: 'flag' };
  if (env.SCHEMA_REGISTRY_URL) return { url: ccompatBase(env.SCHEMA_REGISTRY_URL), source: 'env' };
  const file = join(root, '.infra', 'endpoints.json');
  if (!existsSync(file)) return undefined;
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { schemaRegistryUrl?: unknown };
  if (typeof recorded.schemaRegistryUrl !== 'string') return undefined;
  return { url: ccompatBase(recorded.schemaRegistryUrl), source: 'infra-endpoints' };
}

/** A registry URL given as a bare origin (`http://127.0.0.1:8081`) gets the ccompat path appended. */
export function ccompatBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return new URL(trimmed).pathname === '/' ? `${trimmed}${CCOMPAT_PATH}` : trimmed;
}

/** The registry's view of one subject for a candidate schema. */
export type RegistryVerdict =
  | { readonly status: 'subject_missing' }
  | { readonly status: 'compatible'; readonly warning?: string }
  | { readonly status: 'incompatible'; readonly reasons: readonly string[] }
  | { readonly status: 'error'; readonly reason: string };

/**
 * Asks the registry whether `schemaText` may be registered as the next version of `subject`
 * (`POST /compatibility/subjects/<subject>/versions/latest`), and also resolves the latest registered version
 * locally with avsc: a subject left at compatibility NONE (Apicurio's answer for a subject without a rule) would
 * otherwise accept anything. A subject that does not exist yet is fine: the first version is always accepted.
 */
export async function checkWithRegistry(
  baseUrl: string,
  subject: string,
  schemaText: string,
): Promise<RegistryVerdict> {
  const subjectPath = encodeURIComponent(subject);
  const ask = await request(`${baseUrl}/compatibility/subjects/${subjectPath}/versions/latest?verbose=true`, {
    method: 'POST',
    body: JSON.stringify({ schema: JSON.stringify(JSON.parse(schemaText)), schemaType: 'AVRO' }),
  });
  if (ask.kind === 'error') return { status: 'error', reason: ask.reason };
  const latest = await request(`${baseUrl}/subjects/${subjectPath}/versions/latest`, { method: 'GET' });
  if (latest.kind === 'error') return { status: 'error', reason: latest.reason };
  // Confluent answers 200 is_compatible for an unknown subject; Apicurio (and older Confluent) 404 40401/40402.
  if (ask.kind === 'not_found' || latest.kind === 'not_found') return { status: 'subject_missing' };

  const reasons: string[] = [];
  const answer = ask.body as { is_compatible?: unknown; messages?: unknown };
  if (answer.is_compatible !== true) {
    const messages = Array.isArray(answer.messages) ? answer.messages.map(String) : [];
    reasons.push(`registry refused it${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`);
  }
  const registered = (latest.body as { schema?: unknown; version?: unknown }).schema;
  const local: CompatibilityVerdict =
    typeof registered === 'string'
      ? checkBackward(JSON.parse(schemaText), JSON.parse(registered))
      : { compatible: false, code: 'invalid_schema', reason: 'the registry returned no schema for the latest version' };
  if (!local.compatible) {
    const version = (latest.body as { version?: unknown }).version;
    reasons.push(`cannot read the registered version ${String(version)}: ${local.reason}`);
  }
  if (reasons.length > 0) return { status: 'incompatible', reasons };

  const config = await request(`${baseUrl}/config/${subjectPath}`, { method: 'GET' });
  const level = config.kind === 'ok' ? (config.body as { compatibilityLevel?: unknown }).compatibilityLevel : undefined;
  return typeof level === 'string' && level.startsWith('BACKWARD')
    ? { status: 'compatible' }
    : { status: 'compatible', warning: `subject compatibility is ${String(level ?? 'unset')}, not BACKWARD` };
}

/** Why the registry cannot be used (unreachable, or not a Confluent-compatible API); undefined when it answers. */
export async function probeRegistry(baseUrl: string): Promise<string | undefined> {
  const reply = await request(`${baseUrl}/subjects`, { method: 'GET' });
  if (reply.kind === 'error') return reply.reason;
  return Array.isArray(reply.kind === 'ok' ? reply.body : undefined) ? undefined : `${baseUrl}/subjects is not a list`;
}

type Reply = { kind: 'ok'; body: unknown } | { kind: 'not_found' } | { kind: 'error'; reason: string };

async function request(url: string, init: { method: 'GET' | 'POST'; body?: string }): Promise<Reply> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: CONTENT_TYPE, 'content-type': CONTENT_TYPE },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'error', reason: `${init.method} ${url} failed: ${describeFetchError(error)}` };
  }
  const text = await response.text();
  if (response.status === 404 && isSubjectOrVersionNotFound(text)) return { kind: 'not_found' };
  if (!response.ok) return { kind: 'error', reason: `${init.method} ${url} answered ${response.status}: ${text}` };
  try {
    return { kind: 'ok', body: JSON.parse(text) };
  } catch {
    return { kind: 'error', reason: `${init.method} ${url} answered non-JSON: ${text.slice(0, 200)}` };
  }
}

/** 40401 (subject not found) or 40402 (version not found); any other 404 is a wrong URL, not a missing subject. */
function isSubjectOrVersionNotFound(text: string): boolean {
  try {
    const code = (JSON.parse(text) as { error_code?: unknown }).error_code;
    return code === 40401 || code === 40402;
  } catch {
    return false;
  }
}

/** fetch() reports network failures as "fetch failed" with the useful part in `cause` (an AggregateError for dual-stack). */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return code ?? cause?.message ?? (error as Error).message;
}
