import { createHmac } from 'node:crypto';
import { refuse } from '../verdict.ts';
import { matchKey, type SignatureScheme, verdictOf } from './scheme.ts';

const SIGNATURE = 'x-hub-signature-256';
const ENTRY = /^sha256=([0-9a-fA-F]{64})$/;

/** The MAC: `sha256=` + hex HMAC-SHA256 of the raw body alone. */
export function hmacBodySignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * GitHub-style `X-Hub-Signature-256: sha256=<hex>` over the body only. No timestamp is signed, so a captured callback
 * verifies forever: accepted, but marked `needs_confirmation` (dispatch polls before acting), and only the dedupe on
 * the provider's event id stops a replay of the very same event.
 */
export const hmacBodyScheme: SignatureScheme = {
  name: 'hmac-body',
  signsTimestamp: false,
  signsBody: true,
  secretHeaders: [],
  signatureHeaders: [SIGNATURE],
  verify(request, context) {
    const header = request.header(SIGNATURE);
    if (header === undefined) return refuse('signature_missing', 'missing', 'X-Hub-Signature-256 header is missing');
    const hex = ENTRY.exec(header)?.[1];
    if (hex === undefined)
      return refuse('signature_malformed', 'malformed', 'X-Hub-Signature-256 must be sha256=<hex>');
    const match = matchKey([Buffer.from(hex, 'hex')], context, (key) =>
      createHmac('sha256', key.secret).update(request.body).digest(),
    );
    return verdictOf(match, context, { signedAtS: null, signedEventId: null });
  },
};
