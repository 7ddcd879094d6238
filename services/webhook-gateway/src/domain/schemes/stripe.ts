import { createHmac } from 'node:crypto';
import { UNIX_SECONDS } from '../timestamp-window.ts';
import { refuse } from '../verdict.ts';
import { matchKey, type SignatureScheme, verdictOf } from './scheme.ts';

const SIGNATURE = 'stripe-signature';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
/** A header is a handful of entries; more is not a signature, it is an attempt to make us hash a lot. */
const MAX_ENTRIES = 16;

/** The v1 MAC: hex HMAC-SHA256 of `{t}.{raw body}` keyed with the secret's UTF-8 bytes. */
export function stripeSignature(secret: string, timestampS: number | string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(body).digest('hex');
}

/**
 * Stripe-style `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`: one timestamp, one or more v1 MACs (several
 * while the sender rolls its secret); other schemes in the header (`v0=`) are ignored.
 */
export const stripeScheme: SignatureScheme = {
  name: 'stripe',
  signsTimestamp: true,
  signsBody: true,
  secretHeaders: [],
  signatureHeaders: [SIGNATURE],
  verify(request, context) {
    const header = request.header(SIGNATURE);
    if (header === undefined) return refuse('signature_missing', 'missing', 'Stripe-Signature header is missing');
    const entries = header.split(',').slice(0, MAX_ENTRIES + 1);
    if (entries.length > MAX_ENTRIES)
      return refuse('signature_malformed', 'malformed', 'Stripe-Signature has too many entries');
    const timestamps: string[] = [];
    const presented: Buffer[] = [];
    for (const entry of entries) {
      const [name, value = ''] = entry.trim().split('=', 2) as [string, string?];
      if (name === 't') timestamps.push(value);
      else if (name === 'v1' && HEX_SHA256.test(value)) presented.push(Buffer.from(value, 'hex'));
    }
    const [timestamp] = timestamps;
    if (timestamps.length !== 1 || timestamp === undefined || !UNIX_SECONDS.test(timestamp)) {
      return refuse('signature_malformed', 'malformed', 'Stripe-Signature must carry exactly one t=<unix seconds>');
    }
    if (presented.length === 0)
      return refuse('signature_malformed', 'malformed', 'Stripe-Signature holds no v1=<hex> entry');
    const match = matchKey(presented, context, (key) =>
      createHmac('sha256', key.secret).update(`${timestamp}.`).update(request.body).digest(),
    );
    return verdictOf(match, context, { signedAtS: Number(timestamp), signedEventId: null });
  },
};
