/** Stable codes of {@link ProgramConfigError}. */
export type ProgramConfigErrorCode =
  | 'program_config_unreadable'
  | 'program_config_invalid'
  | 'program_duplicate'
  | 'program_not_ready';

/** One problem in a program file: the field path (e.g. `markets[1].mode`) and what is wrong there. */
export interface ProgramConfigIssue {
  path: string;
  message: string;
}

/**
 * A program file that cannot be used: unreadable, not matching the schema, or setting a market `live` while its
 * readiness fails. Start-up stops on it, so the message lists every issue with its field path.
 */
export class ProgramConfigError extends Error {
  readonly code: ProgramConfigErrorCode;
  /** File the issues were found in (or the directory when no file applies). */
  readonly path: string;
  readonly issues: readonly ProgramConfigIssue[];

  constructor(code: ProgramConfigErrorCode, path: string, issues: readonly ProgramConfigIssue[]) {
    const lines = issues.map((i) => (i.path ? `  ${i.path}: ${i.message}` : `  ${i.message}`));
    super(`${code} in ${path}:\n${lines.join('\n')}`);
    this.name = 'ProgramConfigError';
    this.code = code;
    this.path = path;
    this.issues = issues;
  }

  /** Issues as `path: message` strings, for logs and problem documents. */
  get messages(): string[] {
    return this.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  }
}
