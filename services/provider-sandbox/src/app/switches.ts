/** The operator switches of a running sandbox; set from env at start, changed by the admin API. */
export interface SwitchSettings {
  readonly credentialsRevoked: boolean;
  readonly callbacksEnabled: boolean;
  readonly callbackUrl: string | null;
  readonly callbackSecret: string;
}

/** Shortest callback secret accepted by a rotation: 128 bits of hex or base64 comfortably fit above it. */
export const MIN_SECRET_CHARS = 16;

/**
 * Runtime state shared by the API and the delivery worker. Kept in memory on purpose: a restart returns the
 * sandbox to what its env says, so a test that revoked credentials can never poison the next run.
 */
export class SandboxSwitches {
  #state: SwitchSettings;
  #secretRotatedAt: Date | null = null;

  constructor(initial: SwitchSettings) {
    this.#state = { ...initial };
  }

  get credentialsRevoked(): boolean {
    return this.#state.credentialsRevoked;
  }
  get callbacksEnabled(): boolean {
    return this.#state.callbacksEnabled;
  }
  get callbackUrl(): string | null {
    return this.#state.callbackUrl;
  }
  /** Read by the delivery worker at send time: a rotation applies to every try after it, queued ones included. */
  get callbackSecret(): string {
    return this.#state.callbackSecret;
  }
  get secretRotatedAt(): Date | null {
    return this.#secretRotatedAt;
  }

  setCredentialsRevoked(revoked: boolean): void {
    this.#state = { ...this.#state, credentialsRevoked: revoked };
  }
  setCallbacksEnabled(enabled: boolean): void {
    this.#state = { ...this.#state, callbacksEnabled: enabled };
  }
  setCallbackUrl(url: string | null): void {
    this.#state = { ...this.#state, callbackUrl: url };
  }
  rotateCallbackSecret(secret: string, at: Date): void {
    if (secret.length < MIN_SECRET_CHARS) throw new RangeError(`secret shorter than ${MIN_SECRET_CHARS} characters`);
    this.#state = { ...this.#state, callbackSecret: secret };
    this.#secretRotatedAt = at;
  }

  /** What the admin API may show: never the secret itself. */
  describe(): Record<string, unknown> {
    return {
      credentials: this.credentialsRevoked ? 'revoked' : 'active',
      callbacks: this.callbacksEnabled ? 'enabled' : 'disabled',
      callback_url: this.callbackUrl,
      callback_secret_rotated_at: this.#secretRotatedAt?.toISOString() ?? null,
    };
  }
}
