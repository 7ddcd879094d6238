import { createHash } from 'node:crypto';
import { refuse } from '../verdict.ts';
import { matchKey, type SignatureScheme, verdictOf } from './scheme.ts';

const TOKEN = 'x-webhook-token';
const MAX_TOKEN_CHARS = 512;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * A shared token in `X-Webhook-Token`: proves only that the sender knows the token, signs neither the body nor a
 * time. The weakest scheme some providers still offer: accepted, marked `needs_confirmation`, and the header is a
 * credential, so it is never archived. Both sides are hashed first so the comparison has a fixed length.
 */
export const tokenScheme: SignatureScheme = {
  name: 'token',
  signsTimestamp: false,
  signsBody: false,
  secretHeaders: [TOKEN],
  signatureHeaders: [],
  verify(request, context) {
    const token = request.header(TOKEN);
    if (token === undefined) return refuse('signature_missing', 'missing', 'X-Webhook-Token header is missing');
    if (token.length === 0 || token.length > MAX_TOKEN_CHARS) {
      return refuse('signature_malformed', 'malformed', `X-Webhook-Token must be 1–${MAX_TOKEN_CHARS} characters`);
    }
    const match = matchKey([digest(token)], context, (key) => digest(key.secret));
    return verdictOf(match, context, { signedAtS: null, signedEventId: null });
  },
};
