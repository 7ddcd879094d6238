export { loadWebhookGatewayConfig, type WebhookGatewayConfig, webhookGatewayConfigSchema } from './config.ts';
export { operatorKeyEntry } from './domain/operator-key.ts';
export { hmacBodySignature } from './domain/schemes/hmac-body.ts';
export { SCHEME_NAMES, type SchemeName } from './domain/schemes/scheme.ts';
export { standardWebhooksSignature } from './domain/schemes/standard-webhooks.ts';
export { stripeSignature } from './domain/schemes/stripe.ts';
export { xPaySignature } from './domain/schemes/x-pay.ts';
export { startWebhookGateway, type WebhookGatewayHandles } from './main.ts';
