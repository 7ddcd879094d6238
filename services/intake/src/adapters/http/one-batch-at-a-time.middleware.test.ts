import type { AddressInfo } from 'node:net';
import { createHttpApp, createLogger, createMetrics } from '@sluice/service-kit';
import { oneBatchAtATime } from './one-batch-at-a-time.middleware.ts';

describe('oneBatchAtATime', () => {
  it('refuses a second request of the same key while the first runs (429 with Retry-After), not other keys', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const app = createHttpApp({
      service: 'test',
      logger: createLogger('test', 'silent'),
      metrics: createMetrics('test'),
      routes: (router) => {
        router.post(
          '/batch',
          oneBatchAtATime((req) => String(req.query.key)),
          async (req, res) => {
            if (req.query.hold === 'yes') {
              entered();
              await held;
            }
            res.status(201).json({ ok: true });
          },
        );
      },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = fetch(`${base}/batch?key=a&hold=yes`, { method: 'POST' });
      await inside;
      const second = await fetch(`${base}/batch?key=a`, { method: 'POST' });
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await second.json()).toMatchObject({ code: 'batch_in_progress' });
      expect((await fetch(`${base}/batch?key=b`, { method: 'POST' })).status).toBe(201);
      release();
      expect((await first).status).toBe(201);
      expect((await fetch(`${base}/batch?key=a`, { method: 'POST' })).status).toBe(201);
    } finally {
      server.close();
    }
  });
});
