import { createHash } from 'node:crypto';
import type { RiskScreening, ScreeningSubject } from '../../../domain/screening.ts';

/**
 * A deterministic KYT risk scorer for the sandbox: the same address always scores the same. Ordinary addresses
 * score 0–39 (low); an address ending in `beef` scores 80 (high → hold) and one ending in `dead` scores 95
 * (severe → deny), case-insensitively, so demos and tests can reach every outcome on purpose.
 */
export function sandboxRiskScoring() {
  return {
    async risk(subject: ScreeningSubject): Promise<RiskScreening> {
      if (!subject.address || !subject.network) return { status: 'not_applicable', reason: 'no on-chain destination' };
      const digest = createHash('sha256').update(`${subject.network}:${subject.address.toLowerCase()}`).digest();
      const reference = digest.toString('hex').slice(0, 16);
      const lower = subject.address.toLowerCase();
      const score = lower.endsWith('dead') ? 95 : lower.endsWith('beef') ? 80 : digest.readUInt16BE(0) % 40;
      return { status: 'scored', provider: 'sandbox-risk', score, reference };
    },
  };
}
