import type { KeySet } from '../domain/key-set.ts';
import type { SigningKey } from '../domain/signing-key.ts';

const NONE: readonly SigningKey[] = [];

/**
 * The keys in force. Verification reads the current set; a reload swaps the whole set at once, so a callback is
 * never checked against half of an old and half of a new configuration.
 */
export class KeyRing {
  #keys: KeySet;

  constructor(initial: KeySet) {
    this.#keys = initial;
  }

  keysFor(provider: string): readonly SigningKey[] {
    return this.#keys.get(provider) ?? NONE;
  }

  replace(next: KeySet): void {
    this.#keys = next;
  }

  providers(): readonly string[] {
    return [...this.#keys.keys()];
  }
}
