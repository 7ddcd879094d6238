/** One field-level error inside a problem document; `path` is a JSON pointer-like dotted path (`destination.id`). */
export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * An RFC 9457 problem. `code` is the stable, machine-readable identifier clients switch on; `title` and `detail`
 * are for humans and may change. Thrown (or passed to `next`) only from the HTTP layer.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;
  constructor(options: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: readonly FieldError[];
    headers?: Record<string, string>;
  }) {
    super(options.detail ?? options.title);
    this.name = 'ProblemError';
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: `https://sluice.dev/problems/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Shorthands for the problems every service answers the same way. */
export const problems = {
  notFound: (what = 'resource') =>
    new ProblemError({ status: 404, code: 'not_found', title: 'Not found', detail: `${what} not found` }),
  unauthorized: (detail = 'missing or invalid credentials') =>
    new ProblemError({ status: 401, code: 'unauthorized', title: 'Unauthorized', detail }),
  forbidden: (detail = 'the credentials do not allow this action') =>
    new ProblemError({ status: 403, code: 'forbidden', title: 'Forbidden', detail }),
  validation: (errors: readonly FieldError[]) =>
    new ProblemError({
      status: 422,
      code: 'validation_failed',
      title: 'Validation failed',
      detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    }),
} as const;
