import type { AddressInfo } from 'node:net';
import { createHttpApp } from './http-app.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { listen } from './shutdown.ts';

describe('createHttpApp', () => {
  let baseUrl: string;
  let close: () => Promise<void>;
  let dbUp = true;

  beforeAll(async () => {
    const app = createHttpApp({
      service: 'test-service',
      logger: createLogger('test-service', 'silent'),
      metrics: createMetrics('test-service'),
      bodyLimit: '1kb',
      readiness: { db: async () => ({ ok: dbUp }) },
      routes: (router) => {
        router.post('/echo', (req, res) => {
          res.json(req.body);
        });
      },
    });
    const started = await listen(app, 0);
    baseUrl = `http://127.0.0.1:${(started.server.address() as AddressInfo).port}`;
    close = started.closable.close;
  });
  afterAll(() => close());

  it('answers health, readiness and metrics', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    dbUp = false;
    const notReady = await fetch(`${baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not_ready', checks: { db: { ok: false } } });
    dbUp = true;
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds');
  });

  it('turns an oversized body into a 413 problem', async () => {
    const res = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(2048) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'body_too_large', status: 413 });
  });

  it('turns malformed JSON and unknown routes into problems with stable codes', async () => {
    const malformed = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'body_malformed' });
    const missing = await fetch(`${baseUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('echoes a valid request id and generates one otherwise', async () => {
    const given = await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const generated = await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
