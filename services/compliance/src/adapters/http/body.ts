import { type FieldError, problems } from '@sluice/service-kit';
import type { z } from 'zod';

/**
 * Parses a request body or query with `schema`, or throws a 422 naming every bad field. `codes` gives a field a
 * stable code of its own (e.g. a missing `note` is `evidence_note_required`), others get `invalid_<zod code>`.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  codes: Record<string, string> = {},
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(body)';
    return { path, code: codes[path] ?? `invalid_${issue.code}`, message: issue.message };
  });
  throw problems.validation(errors);
}
