import { createHmac } from 'node:crypto';
import { UNIX_SECONDS } from '../timestamp-window.ts';
import { refuse } from '../verdict.ts';
import { matchKey, type SignatureScheme, verdictOf } from './scheme.ts';

const SIGNATURE = 'x-pay-signature';
const TIMESTAMP = 'x-pay-timestamp';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** The x-pay MAC: hex HMAC-SHA256 of `{timestamp}.{raw body}` keyed with the secret's UTF-8 bytes. */
export function xPaySignature(secret: string, timestampS: number | string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(body).digest('hex');
}

/**
 * `X-PAY-SIGNATURE` (hex HMAC-SHA256 over `{X-PAY-TIMESTAMP}.{raw body}`) and `X-PAY-TIMESTAMP` (unix seconds): the
 * scheme the sandbox signs with, and the one payment providers use under these header names.
 */
export const xPayScheme: SignatureScheme = {
  name: 'x-pay',
  signsTimestamp: true,
  signsBody: true,
  secretHeaders: [],
  signatureHeaders: [SIGNATURE, TIMESTAMP],
  verify(request, context) {
    const signature = request.header(SIGNATURE);
    const timestamp = request.header(TIMESTAMP);
    if (signature === undefined) return refuse('signature_missing', 'missing', 'X-PAY-SIGNATURE header is missing');
    if (timestamp === undefined) return refuse('signature_missing', 'missing', 'X-PAY-TIMESTAMP header is missing');
    if (!HEX_SHA256.test(signature)) {
      return refuse('signature_malformed', 'malformed', 'X-PAY-SIGNATURE must be 64 hex characters');
    }
    if (!UNIX_SECONDS.test(timestamp)) {
      return refuse('signature_malformed', 'malformed', 'X-PAY-TIMESTAMP must be unix seconds');
    }
    const presented = [Buffer.from(signature, 'hex')];
    const match = matchKey(presented, context, (key) =>
      createHmac('sha256', key.secret).update(`${timestamp}.`).update(request.body).digest(),
    );
    return verdictOf(match, context, { signedAtS: Number(timestamp), signedEventId: null });
  },
};
