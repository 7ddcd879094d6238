import { type Refusal, refuse } from './verdict.ts';

/** How far a signed timestamp may be from the receiver's clock, in each direction. */
export interface TimestampPolicy {
  readonly toleranceS: number;
  readonly futureToleranceS: number;
}

export const DEFAULT_TOLERANCE_S = 300;

/** Unix seconds as a header carries them: digits only, no sign, no fraction, at most 12 digits. */
export const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * Refuses a signed timestamp older than the tolerance (a captured callback replayed later) or further ahead than the
 * future tolerance (a sender's clock far off, or a callback forged to stay fresh); undefined when it is inside.
 */
export function outsideWindow(signedAtS: number, nowMs: number, policy: TimestampPolicy): Refusal | undefined {
  const ageS = nowMs / 1000 - signedAtS;
  if (ageS > policy.toleranceS) {
    return refuse(
      'timestamp_stale',
      'expired',
      `timestamp is ${Math.floor(ageS)} s old; at most ${policy.toleranceS} s accepted`,
    );
  }
  if (-ageS > policy.futureToleranceS) {
    return refuse(
      'timestamp_in_future',
      'expired',
      `timestamp is ${Math.ceil(-ageS)} s in the future; at most ${policy.futureToleranceS} s accepted`,
    );
  }
  return undefined;
}
