import { accept, type DestinationResult, precheck, refuse } from '../destination-result.ts';

const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

// The first two digits are the Federal Reserve routing symbol: 00–12 banks (00 the U.S. Government),
// 21–32 thrifts, 61–72 electronic transactions, 80 traveler's cheques. Anything else was never issued.
function prefixIssued(prefix: number): boolean {
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
}

/**
 * Validates a US ABA routing transit number: 9 ASCII digits, an issued Federal Reserve prefix, and the
 * 3-7-1 weighted checksum (sum of digit × weight divisible by 10). `000000000` is refused.
 */
export function validateAbaRouting(routingNumber: unknown): DestinationResult {
  const text = precheck(routingNumber);
  if (typeof text !== 'string') return text;
  if (!/^[0-9]+$/.test(text)) return refuse('address_format_invalid', 'routing number must be digits only');
  if (text.length !== 9) return refuse('address_length_invalid', 'routing number must have 9 digits');
  if (text === '000000000') return refuse('address_zero', 'routing number cannot be all zeros');
  if (!prefixIssued(Number(text.slice(0, 2)))) {
    return refuse('address_format_invalid', 'routing number prefix was never issued by the Federal Reserve');
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(text[i]) * (WEIGHTS[i] ?? 0);
  if (sum % 10 !== 0) return refuse('address_checksum_invalid', 'routing number check digit does not match');
  return accept(text);
}
