// Risk retired: creates that share a transaction (group commit) overdraw the balance, lose a refusal, or create a
// payout twice when the same key arrives twice at once.
import { requireInfra, type TestDatabase } from '@sluice/testing';
import type { ProviderSandboxHandles } from '../../src/index.ts';
import { client, EVM_ADDRESS, newDatabase, payoutBody, startSandbox } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('provider sandbox: concurrent creates', () => {
  let db: TestDatabase;
  let sandbox: ProviderSandboxHandles;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await newDatabase(infra!);
    // Ten payouts' worth of USDT; payouts stay pending (a slow first step) so balances can be read without racing.
    sandbox = await startSandbox(infra!, db, {
      SANDBOX_INITIAL_BALANCES: 'USDC:1000000000000,USDT:10000000',
      SANDBOX_STEP_DELAY_MS: '600000',
    });
    api = client(sandbox.url);
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
  });

  it('admits exactly what the balance covers, refuses the rest with 402, and creates a repeated key once', async () => {
    const usdt = { currency: 'USDT', amount_minor: '1000000' };
    const bodies = Array.from({ length: 16 }, () =>
      payoutBody(null, { ...usdt, destination: { type: 'wallet', network: 'ethereum', address: EVM_ADDRESS } }),
    );
    const twice = bodies[0]!;
    const replies = await Promise.all([
      ...bodies.map(({ key, body }) => api.createPayout(key, body)),
      api.createPayout(twice.key, twice.body),
    ]);
    const statuses = replies.map((reply) => reply.status);
    const count = (status: number) => statuses.filter((s) => s === status).length;
    // The repeated key: at most one of its two calls created it; the other replayed it (200) or was refused too.
    expect([replies[0]!.status, replies[16]!.status]).not.toEqual([201, 201]);
    expect(count(201)).toBe(10);
    expect(count(200)).toBeLessThanOrEqual(1);
    expect(count(402)).toBe(17 - 10 - count(200));

    const balances = await api.get<{
      balances: { currency: string; available_minor: string; pending_minor: string }[];
    }>('/v1/balances');
    expect(balances.json.balances.find((b) => b.currency === 'USDT')).toEqual({
      currency: 'USDT',
      available_minor: '0',
      pending_minor: '10000000',
    });
    const sql = sandbox.db.fork();
    const [journal] = await sql.execute<{ n: string; total: string }[]>(
      `select count(*)::text as n, sum(pending_delta_minor)::text as total from sbx_journal
       where currency = 'USDT' and kind = 'reserve'`,
    );
    expect(journal).toEqual({ n: '10', total: '10000000' });
    const [payouts] = await sql.execute<{ n: string }[]>(
      `select count(*)::text as n from sbx_payouts where currency = 'USDT'`,
    );
    expect(payouts!.n).toBe('10');
  });
});
