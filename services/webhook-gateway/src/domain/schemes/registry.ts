import { hmacBodyScheme } from './hmac-body.ts';
import type { SchemeName, SignatureScheme } from './scheme.ts';
import { standardWebhooksScheme } from './standard-webhooks.ts';
import { stripeScheme } from './stripe.ts';
import { tokenScheme } from './token.ts';
import { xPayScheme } from './x-pay.ts';

/** The registry of verifiers: a provider names its scheme in config and gets exactly this implementation. */
export const SCHEMES: Readonly<Record<SchemeName, SignatureScheme>> = {
  'x-pay': xPayScheme,
  'standard-webhooks': standardWebhooksScheme,
  stripe: stripeScheme,
  'hmac-body': hmacBodyScheme,
  token: tokenScheme,
};
