// Risk retired: money moved by hand without authentication, a reason or two approvers; balances, entries, export or
// invariants that do not answer what finance asks; routes that drift from the OpenAPI document.
import { readFileSync } from 'node:fs';
import { requireInfra } from '@sluice/testing';
import { parse } from 'yaml';
import { OPENAPI_PATH } from '../../src/adapters/http/ledger-app.ts';
import type { SeededOperator } from '../../src/app/seed-operators.ts';
import { seedLedgerOperators } from '../../src/seed.ts';
import { type LedgerUnderTest, openLedger } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('ledger HTTP API', () => {
  let l: LedgerUnderTest;
  let keys: Record<string, string>;

  beforeAll(async () => {
    // Threshold 1000 USD: 100000 minor units or less posts at once, more needs two approvers.
    l = await openLedger(infra!, undefined, { LEDGER_DUAL_APPROVAL_THRESHOLD: '1000' });
    const seeded: SeededOperator[] = await seedLedgerOperators(l.ledger.config);
    keys = Object.fromEntries(seeded.map((o) => [o.operatorId, o.apiKey]));
  });
  afterAll(async () => l?.close());

  const call = async (method: string, path: string, key: string | undefined, body?: unknown) => {
    const res = await fetch(`${l.ledger.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, text, json: type.includes('json') ? JSON.parse(text) : null };
  };
  const topUp = (amountMinor: string, extra: Record<string, unknown> = {}) => ({
    program_id: 'api-prog',
    provider: 'sandbox',
    currency: 'USD',
    amount_minor: amountMinor,
    reason: 'prefund for the week',
    ...extra,
  });

  it('refuses calls without a valid operator key and enforces roles', async () => {
    expect((await call('GET', '/v1/accounts', undefined)).status).toBe(401);
    expect((await call('GET', '/v1/accounts', `lop_${'0'.repeat(16)}_${'0'.repeat(64)}`)).status).toBe(401);
    const viewer = await call('POST', '/v1/top-ups', keys['ledger-viewer'], topUp('100'));
    expect(viewer.status).toBe(403);
    expect(viewer.json.code).toBe('forbidden');
    const noReason = await call('POST', '/v1/top-ups', keys['ledger-operator'], topUp('100', { reason: '' }));
    expect(noReason.status).toBe(422);
  });

  it('posts a small top-up at once, idempotently by Idempotency-Key', async () => {
    const path = '/v1/top-ups';
    const first = await fetch(`${l.ledger.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys['ledger-operator']}`,
        'content-type': 'application/json',
        'idempotency-key': 'topup-1',
      },
      body: JSON.stringify(topUp('100000')),
    });
    const created = (await first.json()) as { entry_id: string };
    expect(first.status).toBe(201);
    expect(created).toMatchObject({ status: 'posted', approvals_required: 0 });
    const again = await fetch(`${l.ledger.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys['ledger-operator']}`,
        'content-type': 'application/json',
        'idempotency-key': 'topup-1',
      },
      body: JSON.stringify(topUp('100000')),
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { entry_id: string }).entry_id).toBe(created.entry_id);
  });

  it('needs two approvers other than the requester above the threshold', async () => {
    const before = new Date();
    const requested = await call(
      'POST',
      '/v1/top-ups',
      keys['ledger-operator'],
      topUp('100001', { provider_reference: 'wire-77' }),
    );
    expect(requested.status).toBe(202);
    expect(requested.json).toMatchObject({ status: 'pending_approval', approvals_required: 2, entry_id: null });
    const id = requested.json.id;
    expect((await call('POST', `/v1/posting-requests/${id}/approve`, keys['ledger-operator'])).status).toBe(403);
    const one = await call('POST', `/v1/posting-requests/${id}/approve`, keys['ledger-approver-1']);
    expect(one.json).toMatchObject({ status: 'pending_approval', approved_by: ['ledger-approver-1'] });
    const twice = await call('POST', `/v1/posting-requests/${id}/approve`, keys['ledger-approver-1']);
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('already_approved');
    const two = await call('POST', `/v1/posting-requests/${id}/approve`, keys['ledger-approver-2']);
    expect(two.json).toMatchObject({ status: 'posted' });
    expect(two.json.entry_id).toEqual(expect.any(String));

    const byRef = await call('GET', '/v1/entries?provider_reference=wire-77', keys['ledger-viewer']);
    expect(byRef.json.data).toHaveLength(1);
    expect(byRef.json.data[0]).toMatchObject({ entry_type: 'funding', id: two.json.entry_id });
    expect(byRef.json.data[0].posted_by).toContain('ledger-approver-2');

    const balances = await call('GET', '/v1/balances?program_id=api-prog', keys['ledger-viewer']);
    const funding = balances.json.data.find((b: { role: string }) => b.role === 'provider_funding');
    expect(funding).toMatchObject({ posted_minor: '200001', pending_minor: '0', available_minor: '200001' });
    const past = await call(
      'GET',
      `/v1/accounts/${funding.account_id}?as_of=${before.toISOString()}`,
      keys['ledger-viewer'],
    );
    expect(past.json).toMatchObject({ posted_minor: '100000' });
  });

  it('rejects with a reason and refuses unbalanced adjustments', async () => {
    const requested = await call('POST', '/v1/top-ups', keys['ledger-operator'], topUp('5000000'));
    const rejected = await call('POST', `/v1/posting-requests/${requested.json.id}/reject`, keys['ledger-approver-1'], {
      reason: 'no matching wire',
    });
    expect(rejected.json).toMatchObject({ status: 'rejected', rejected_by: 'ledger-approver-1', entry_id: null });
    const accounts = await call('GET', '/v1/accounts?program_id=api-prog', keys['ledger-viewer']);
    const [a, b] = accounts.json.data;
    const unbalanced = await call('POST', '/v1/adjustments', keys['ledger-operator'], {
      reason: 'fix',
      lines: [
        { account_id: a.account_id, direction: 'debit', amount_minor: '10' },
        { account_id: b.account_id, direction: 'credit', amount_minor: '9' },
      ],
    });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.json.code).toBe('entry_invalid');
  });

  it('exports the journal as CSV and JSON and reports the invariants', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const csv = await call('GET', `/v1/journal/export?from=${today}&to=${today}&format=csv`, keys['ledger-viewer']);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toMatch(/^entry_id,entry_type,effective_date/);
    expect(rows).toHaveLength(1 + 4); // two funding entries of two lines each
    const json = await call('GET', `/v1/journal/export?from=${today}&to=${today}&format=json`, keys['ledger-viewer']);
    expect(json.json.entries).toHaveLength(2);
    expect((await call('GET', '/v1/journal/export?from=2026-01-02&to=2026-01-01', keys['ledger-viewer'])).status).toBe(
      422,
    );
    const invariants = await call('GET', '/v1/invariants', keys['ledger-viewer']);
    expect(invariants.status).toBe(200);
    expect(invariants.json.results.map((r: { name: string; ok: boolean }) => `${r.name}:${r.ok}`)).toEqual([
      'entries_balance:true',
      'currency_sums_zero:true',
      'cached_balances_match_lines:true',
      'one_settlement_per_payout:true',
    ]);
  });

  it('serves exactly the routes its OpenAPI document describes', () => {
    const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    const router = (l.ledger.app as unknown as { router: { stack: { route?: { path: string; methods: object } }[] } })
      .router;
    const served = router.stack
      .filter((layer) => layer.route?.path.startsWith('/v1/'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`))
      .sort();
    expect(served).toEqual(documented);
  });
});

suite('database guards', () => {
  let l: LedgerUnderTest;
  beforeAll(async () => {
    l = await openLedger(infra!);
  });
  afterAll(async () => l?.close());

  it('refuses to change a posted entry and to commit an unbalanced one', async () => {
    const { db } = l.ledger;
    const account = '00000000-0000-4000-8000-000000000001';
    await db.fork().execute(
      `insert into accounts (id, role, type, program_id, provider, currency, external_code, name)
       values (?, 'suspense', 'suspense', 'g', 'sandbox', 'USD', 'x', 'x')`,
      [account],
    );
    const insert = (em: Parameters<Parameters<typeof db.transaction>[0]>[0], id: string, credit: number) =>
      em.execute(
        `insert into journal_entries (id, entry_type, cause_event_id, effective_date, correlation_id, posted_by)
         values (?, 'adjustment', ?, '2026-01-01', 'c', 't');
         insert into journal_lines (entry_id, line_no, account_id, direction, amount_minor, currency, posted_at)
         values (?, 0, ?, 'debit', 10, 'USD', now()), (?, 1, ?, 'credit', ?, 'USD', now())`,
        [id, id, id, account, id, account, credit],
      );
    await expect(db.transaction((em) => insert(em, '00000000-0000-7000-8000-0000000000a1', 9))).rejects.toThrow(
      /does not balance/,
    );
    await db.transaction((em) => insert(em, '00000000-0000-7000-8000-0000000000a2', 10));
    await expect(db.fork().execute('update journal_lines set amount_minor = 11 where line_no = 0')).rejects.toThrow(
      /immutable/,
    );
    await expect(db.fork().execute('delete from journal_entries')).rejects.toThrow(/immutable/);
    await expect(
      db.fork().execute(
        `insert into journal_lines (entry_id, line_no, account_id, direction, amount_minor, currency, posted_at)
         values ('00000000-0000-7000-8000-0000000000a2', 2, ?, 'debit', 1, 'USD', now())`,
        [account],
      ),
    ).rejects.toThrow(/transaction that posts their entry/);
  });
});
