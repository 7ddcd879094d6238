// Risk retired: rotating a provider's signing secret either drops callbacks during the overlap (only one key
// accepted) or keeps accepting the old secret after it was retired; a broken secrets file takes the gateway down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireInfra } from '@sluice/testing';
import { newPayoutId, payoutEvent, startTestGateway, type TestGateway, xPayHeaders } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const OLD = 'whsec_rotation_old_secret';
const NEW = 'whsec_rotation_new_secret';

suite('webhook gateway: key rotation from the secrets file', () => {
  let t: TestGateway;
  let dir: string;
  let file: string;
  const write = (keys: unknown) => writeFileSync(file, JSON.stringify({ sandbox: keys }));
  const send = (secret: string) => {
    const body = payoutEvent(newPayoutId(), 'pending');
    return t.post('sandbox', body, xPayHeaders(body, secret));
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gateway-secrets-'));
    file = path.join(dir, 'secrets.json');
    write([{ key_id: 'old', secret: OLD }]);
    // Only the file: no WEBHOOK_SECRET_* keys, and no automatic reload (the test reloads explicitly).
    t = await startTestGateway(infra!, {
      WEBHOOK_SECRET_SANDBOX_K1: '',
      WEBHOOK_SECRETS_FILE: file,
      WEBHOOK_SECRETS_RELOAD_MS: '0',
    });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts old and new secrets during the overlap, and only the new one after the old is retired', async () => {
    expect(await send(OLD)).toMatchObject({ status: 200 });
    expect(await send(NEW)).toMatchObject({ status: 401, body: { code: 'signature_invalid' } });

    write([
      { key_id: 'old', secret: OLD },
      { key_id: 'new', secret: NEW },
    ]);
    expect(await t.gateway.reloadSecrets()).toBe(true);
    expect(await send(OLD)).toMatchObject({ status: 200 });
    expect(await send(NEW)).toMatchObject({ status: 200 });

    write([
      { key_id: 'old', secret: OLD, not_after: new Date(Date.now() - 1_000).toISOString() },
      { key_id: 'new', secret: NEW },
    ]);
    expect(await t.gateway.reloadSecrets()).toBe(true);
    expect(await send(NEW)).toMatchObject({ status: 200 });
    expect(await send(OLD)).toMatchObject({ status: 401, body: { code: 'signature_invalid' } });
    const { data } = (await t.get('/v1/rejections?reason=signature_invalid&limit=1')).body as {
      data: Record<string, unknown>[];
    };
    expect(data[0]).toMatchObject({ verdict: 'key_inactive', key_id: 'old' });
    const used = await t.count("select count(*) as n from webhook_callbacks where key_id = 'new'");
    expect(used).toBe(2);
  });

  it('keeps the keys in force when the file is broken', async () => {
    writeFileSync(file, '{ not json');
    expect(await t.gateway.reloadSecrets()).toBe(false);
    expect(await send(NEW)).toMatchObject({ status: 200 });
  });
});
