import { type FieldError, problems } from '@sluice/service-kit';
import { z } from 'zod';
import { isIsoDate } from '../../domain/effective-date.ts';

/** A positive amount in minor units, as a string of digits (JSON numbers cannot carry every int64). */
export const amountMinor = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, 'a positive integer in minor units, as a string of at most 18 digits')
  .transform((value) => BigInt(value));

export const isoDate = z.string().refine(isIsoDate, 'a calendar date YYYY-MM-DD');
export const scopePart = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits, _ . : - (max 64)');
export const reason = z.string().trim().min(3).max(500);
export const uuid = z.uuid();

/** Parses `input` or throws a 422 problem naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(root)',
    code: issue.code,
    message: issue.message,
  }));
  throw problems.validation(errors);
}

/** An `as_of` instant: an ISO 8601 timestamp with a zone. */
export const asOf = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .optional();
