import { createHmac } from 'node:crypto';
import type { SigningKey } from '../signing-key.ts';
import { UNIX_SECONDS } from '../timestamp-window.ts';
import { refuse } from '../verdict.ts';
import { matchKey, type SignatureScheme, verdictOf } from './scheme.ts';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';
const V1_ENTRY = /^v1,([A-Za-z0-9+/]{43}=)$/;
const MESSAGE_ID = /^[\x21-\x7e]{1,255}$/;

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes (the prefix is optional, as in the reference). */
export function standardWebhooksKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

/** The v1 MAC: base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{raw body}`. */
export function standardWebhooksSignature(
  key: SigningKey | string,
  id: string,
  timestampS: string,
  body: Buffer,
): Buffer {
  const secret = typeof key === 'string' ? key : key.secret;
  return createHmac('sha256', standardWebhooksKey(secret)).update(`${id}.${timestampS}.`).update(body).digest();
}

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp`, and `webhook-signature` holding
 * space-separated `v1,<base64>` entries (several during a sender's key rotation; other versions such as the
 * asymmetric `v1a` are skipped). The message id is signed, so it is the event id we deduplicate on.
 */
export const standardWebhooksScheme: SignatureScheme = {
  name: 'standard-webhooks',
  signsTimestamp: true,
  signsBody: true,
  secretHeaders: [],
  signatureHeaders: [ID, TIMESTAMP, SIGNATURE],
  verify(request, context) {
    const id = request.header(ID);
    const timestamp = request.header(TIMESTAMP);
    const signature = request.header(SIGNATURE);
    for (const [name, value] of [
      [SIGNATURE, signature],
      [TIMESTAMP, timestamp],
      [ID, id],
    ] as const) {
      if (value === undefined) return refuse('signature_missing', 'missing', `${name} header is missing`);
    }
    if (!MESSAGE_ID.test(id!))
      return refuse('signature_malformed', 'malformed', 'webhook-id must be 1–255 visible characters');
    if (!UNIX_SECONDS.test(timestamp!))
      return refuse('signature_malformed', 'malformed', 'webhook-timestamp must be unix seconds');
    const presented = signature!
      .split(' ')
      .map((entry) => V1_ENTRY.exec(entry)?.[1])
      .filter((value): value is string => value !== undefined)
      .map((value) => Buffer.from(value, 'base64'));
    if (presented.length === 0) {
      return refuse('signature_malformed', 'malformed', 'webhook-signature holds no v1,<base64> entry');
    }
    const match = matchKey(presented, context, (key) => standardWebhooksSignature(key, id!, timestamp!, request.body));
    return verdictOf(match, context, { signedAtS: Number(timestamp), signedEventId: id! });
  },
};
