/** Stable codes for infrastructure failures; callers branch on these, never on messages. */
export type InfraErrorCode =
  | 'invalid_setting'
  | 'template_invalid'
  | 'maven_failed'
  | 'java_missing'
  | 'port_in_use'
  | 'start_failed'
  | 'not_ready'
  | 'topics_failed'
  | 'postgres_unavailable'
  | 'locked'
  | 'up_failed';

/** Error thrown by infra up/down/status. `code` is stable; `message` tells a person what to do next. */
export class InfraError extends Error {
  readonly code: InfraErrorCode;

  constructor(code: InfraErrorCode, message: string) {
    super(message);
    this.name = 'InfraError';
    this.code = code;
  }
}
