// Risk retired: the sandbox only works in-process, so dispatch's tests against "a provider in its own process" (issue 6)
// cannot run, or a stopped sandbox process leaves work half done.
import { requireInfra, type TestDatabase, waitFor } from '@sluice/testing';
import { type PayoutRepresentation, spawnProviderSandbox } from '../../src/index.ts';
import { API_KEY, client, newDatabase, payoutBody } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('provider sandbox as its own process', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    if (infra) db = await newDatabase(infra);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('starts on a free port, serves payouts, and exits 0 on SIGTERM', async () => {
    if (!infra) return;
    const sandbox = await spawnProviderSandbox({
      DATABASE_URL: infra.postgresUrl,
      SANDBOX_DB_NAME: db.name,
      SANDBOX_API_KEYS: API_KEY,
      SANDBOX_STEP_DELAY_MS: '30',
    });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const api = client(sandbox.url);
      const request = payoutBody(null);
      const created = await api.createPayout(request.key, request.body);
      expect(created.status).toBe(201);
      const done = await waitFor(async () => {
        const reply = await api.get<PayoutRepresentation>(`/v1/payouts/${created.json.id}`);
        return reply.json.status === 'completed' && reply.json;
      });
      expect(done.settled_amount_minor).toBe('12500000');
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });
});
