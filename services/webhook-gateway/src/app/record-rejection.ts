import { archivedHeaders, SECRET_HEADERS } from '../domain/archived-headers.ts';
import type { SignatureScheme } from '../domain/schemes/scheme.ts';
import { type Refusal, refuse } from '../domain/verdict.ts';
import type { IncomingCallback, ReceiveDeps, ReceiveOutcome } from './receive-callback.ts';

/** Records and counts a refusal (the body itself only when the provider's signature on it was valid). */
export async function rejected(
  deps: ReceiveDeps,
  incoming: IncomingCallback,
  sha256: string,
  scheme: SignatureScheme | null,
  refusal: Refusal,
): Promise<ReceiveOutcome> {
  // An unknown provider's name comes from the URL: bounded before it reaches a row, and never a metric label.
  const provider = incoming.provider.slice(0, 64);
  await deps.store.reject({
    id: deps.newId(),
    provider,
    reason: refusal.code,
    verdict: refusal.verdict,
    scheme: scheme?.name ?? null,
    keyId: refusal.keyId,
    detail: refusal.detail,
    headers: archivedHeaders(incoming.headers, SECRET_HEADERS),
    bodyBytes: incoming.body.length,
    rawBodySha256: sha256,
    rawBody: refusal.verdict === 'valid' ? incoming.body : null,
    sourceAddress: incoming.sourceAddress,
    receivedAt: incoming.receivedAt,
  });
  const label = scheme ? provider : 'unknown';
  deps.metrics.callback(label, 'rejected');
  deps.metrics.rejected(label, refusal.code);
  deps.logger.warn(
    {
      provider,
      reason: refusal.code,
      verdict: refusal.verdict,
      key_id: refusal.keyId,
      source_address: incoming.sourceAddress,
      body_sha256: sha256,
    },
    'callback refused',
  );
  return { kind: 'rejected', refusal };
}

/**
 * Records a body refused unread for its size (the HTTP layer stops reading at the limit): no hash, no verdict on the
 * signature, the declared length as evidence.
 */
export async function recordOversized(
  deps: Pick<ReceiveDeps, 'providers' | 'store' | 'metrics' | 'newId' | 'logger'>,
  incoming: Omit<IncomingCallback, 'body'> & { readonly declaredBytes: number },
): Promise<Refusal> {
  const refusal = refuse('body_too_large', 'missing', 'body larger than the limit; not read');
  const spec = deps.providers.get(incoming.provider);
  await deps.store.reject({
    id: deps.newId(),
    provider: incoming.provider.slice(0, 64),
    reason: refusal.code,
    verdict: refusal.verdict,
    scheme: spec?.scheme ?? null,
    keyId: null,
    detail: refusal.detail,
    headers: archivedHeaders(incoming.headers, SECRET_HEADERS),
    bodyBytes: incoming.declaredBytes,
    rawBodySha256: null,
    rawBody: null,
    sourceAddress: incoming.sourceAddress,
    receivedAt: incoming.receivedAt,
  });
  const label = spec ? spec.name : 'unknown';
  deps.metrics.callback(label, 'rejected');
  deps.metrics.rejected(label, refusal.code);
  deps.logger.warn(
    { provider: incoming.provider.slice(0, 64), reason: refusal.code, source_address: incoming.sourceAddress },
    'callback refused',
  );
  return refusal;
}
