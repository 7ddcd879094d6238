// Calibration for the gateway benchmark: the same load (distinct x-pay-signed events, 16 connections) against a bare
// express app that only reads the raw body and checks the HMAC (no database, no Kafka). The issue quotes ~11k req/s for
// this on an idle machine; run it right before verified-callbacks.bench.ts to see how loaded the machine is now.
// Run: node bench/webhook-gateway/baseline.bench.ts   Env: BENCH_DURATION_S (10), BENCH_CONNECTIONS (16).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { loadavg } from 'node:os';
import { listen } from '@sluice/service-kit';
import autocannon from 'autocannon';
import express from 'express';

const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const secret = 'whsec_bench_secret_0123456789';
const mac = (timestamp: string, body: Buffer | string) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

const app = express();
app.post('/v1/webhooks/sandbox', express.raw({ type: () => true, limit: 65_536 }), (req, res) => {
  const presented = Buffer.from(req.header('x-pay-signature') ?? '', 'hex');
  const expected = mac(req.header('x-pay-timestamp') ?? '', req.body as Buffer);
  const ok = presented.length === expected.length && timingSafeEqual(presented, expected);
  res.status(ok ? 200 : 401).json({ status: ok ? 'accepted' : 'refused' });
});
const server = await listen(app, 0);
const load = loadavg()[0]!.toFixed(1);
const result = await autocannon({
  url: `http://127.0.0.1:${server.port}`,
  connections,
  duration: durationS,
  requests: [
    {
      method: 'POST',
      path: '/v1/webhooks/sandbox',
      setupRequest: (request) => {
        const body = JSON.stringify({
          id: `evt_${randomUUID()}`,
          type: 'payout.completed',
          data: { id: 'po', status: 'completed' },
        });
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers = {
          'content-type': 'application/json',
          'x-pay-timestamp': timestamp,
          'x-pay-signature': mac(timestamp, body).toString('hex'),
        };
        return { ...request, body, headers: { ...request.headers, ...headers } };
      },
    },
  ],
});
await server.closable.close();
console.log(
  `baseline express + HMAC: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${result['2xx']} 2xx / ${result.non2xx} non-2xx, load ${load}`,
);
