import { type Request, type Response, Router } from 'express';
import type { Clock, DeliveryView, PayoutCall } from '../../app/ports.ts';
import type { SandboxQueries } from '../../app/queries.ts';
import { MIN_SECRET_CHARS, type SandboxSwitches } from '../../app/switches.ts';
import { failure } from '../../domain/errors.ts';
import { toRepresentation } from '../../domain/payout.ts';
import { sendFailure } from './errors.ts';
import { jsonBody, queryParam } from './json-body.ts';

export interface AdminDeps {
  readonly switches: SandboxSwitches;
  readonly queries: SandboxQueries;
  readonly clock: Clock;
}

/**
 * The operator API under /v1/admin: switches that simulate provider-side incidents, and the sandbox's own records
 * for tests. It stays reachable while credentials are "revoked" (otherwise nothing could restore them).
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  switchRoutes(router, deps);
  recordRoutes(router, deps);
  return router;
}

/** The incident switches; each answers the switches' state after the change. */
function switchRoutes(router: Router, deps: AdminDeps): void {
  const { switches } = deps;
  const state = (_req: Request, res: Response) => {
    res.json(switches.describe());
  };
  router.get('/state', state);
  router.post('/credentials/revoke', (req, res) => {
    switches.setCredentialsRevoked(true);
    state(req, res);
  });
  router.post('/credentials/restore', (req, res) => {
    switches.setCredentialsRevoked(false);
    state(req, res);
  });
  router.post('/callbacks/disable', (req, res) => {
    switches.setCallbacksEnabled(false);
    state(req, res);
  });
  router.post('/callbacks/enable', (req, res) => {
    switches.setCallbacksEnabled(true);
    state(req, res);
  });
  router.post('/callback-secret', (req, res) => {
    const body = jsonBody(req);
    const secret = body.ok ? (body.value as { secret?: unknown } | null)?.secret : undefined;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS || secret.length > 256) {
      sendFailure(res, failure('bad_request', `secret must be a string of ${MIN_SECRET_CHARS}–256 characters`));
      return;
    }
    switches.rotateCallbackSecret(secret, deps.clock.now());
    state(req, res);
  });
  router.post('/callback-url', (req, res) => {
    const body = jsonBody(req);
    const url = body.ok ? (body.value as { url?: unknown } | null)?.url : undefined;
    if (url !== null && (typeof url !== 'string' || !URL.canParse(url) || !/^https?:/.test(url))) {
      sendFailure(res, failure('bad_request', 'url must be an http(s) URL, or null to stop sending'));
      return;
    }
    switches.setCallbackUrl(url);
    state(req, res);
  });
}

/** What only the sandbox's own records show: payout rows per instruction, deliveries, received calls. */
function recordRoutes(router: Router, deps: AdminDeps): void {
  router.get('/payouts', async (req, res) => {
    const clientReference = queryParam(req, 'client_reference');
    if (!clientReference) {
      sendFailure(res, failure('bad_request', 'the client_reference query parameter is required'));
      return;
    }
    const stored = await deps.queries.payoutsByClientReference(clientReference);
    const data = stored.map(({ payout, metadata }) => ({
      ...toRepresentation(payout),
      idempotency_key: payout.idempotencyKey,
      scenario: payout.plan.scenario,
      metadata,
    }));
    res.json({ count: data.length, data });
  });
  router.get('/payouts/:id/deliveries', async (req, res) => {
    const deliveries = await deps.queries.deliveries(req.params.id);
    res.json({ count: deliveries.length, data: deliveries.map(deliveryRepresentation) });
  });
  router.get('/calls', async (req, res) => {
    const clientReference = queryParam(req, 'client_reference');
    const idempotencyKey = queryParam(req, 'idempotency_key');
    if (!clientReference && !idempotencyKey) {
      sendFailure(res, failure('bad_request', 'client_reference or idempotency_key is required'));
      return;
    }
    const calls = await deps.queries.calls({ clientReference, idempotencyKey });
    res.json({ count: calls.length, data: calls.map(callRepresentation) });
  });
}

const deliveryRepresentation = (d: DeliveryView) => ({
  event_id: d.eventId,
  type: d.type,
  state: d.state,
  held: d.held,
  attempts: d.attempts,
  last_status: d.lastStatus,
  last_error: d.lastError,
  delivered_at: d.deliveredAt?.toISOString() ?? null,
});

const callRepresentation = (c: PayoutCall) => ({
  idempotency_key: c.idempotencyKey,
  client_reference: c.clientReference,
  http_status: c.httpStatus,
  error_code: c.code,
  received_at: c.at.toISOString(),
});
