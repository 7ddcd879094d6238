import { SCHEMES } from './schemes/registry.ts';

/** Every scheme's credential headers: redacted whatever scheme a provider uses, since a sender may send any of them. */
export const SECRET_HEADERS: readonly string[] = Object.values(SCHEMES).flatMap((scheme) => scheme.secretHeaders);

/** Headers that carry credentials in any scheme or proxy; never archived, never logged. */
const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const MAX_HEADERS = 64;
const MAX_VALUE_CHARS = 1024;

/**
 * The request headers as evidence: names lower-cased, credentials replaced by `[redacted]` (so the archive still
 * shows the header was there), and bounded in count and length so an abusive request cannot bloat the archive.
 */
export function archivedHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  secretHeaders: readonly string[],
): Record<string, string> {
  const secret = new Set([...ALWAYS_SECRET, ...secretHeaders]);
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    if (count++ >= MAX_HEADERS) break;
    const name = rawName.toLowerCase();
    const value = typeof rawValue === 'string' ? rawValue : rawValue.join(', ');
    kept[name] = secret.has(name) ? '[redacted]' : value.slice(0, MAX_VALUE_CHARS);
  }
  return kept;
}
