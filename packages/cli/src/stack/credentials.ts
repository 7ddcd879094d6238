import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Everything a person needs to drive the local stack; written to `.infra/dev-credentials.json` (git-ignored). */
export interface DevCredentials {
  readonly platform: { platformId: string; keyId: string; apiKey: string };
  readonly complianceOperators: readonly { operatorId: string; role: string; token: string }[];
  readonly ledgerOperators: readonly { operatorId: string; roles: readonly string[]; keyId: string; apiKey: string }[];
  readonly dispatchOperator: { operatorId: string; role: string; token: string };
  readonly webhookOperator: { keyId: string; key: string };
  readonly sandbox: { apiKey: string; callbackSecret: string; callbackKeyId: string };
}

const secret = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Runs a service's own seed script (`services/<name>/src/seed.ts`), which prints JSON, against its database. */
async function seedScript<T>(
  root: string,
  service: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<T> {
  const script = path.join(root, 'services', service, 'src', 'seed.ts');
  const { stdout } = await run(process.execPath, ['--disable-warning=TimeoutNegativeWarning', script, ...args], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'error', NODE_OPTIONS: '' },
  });
  // The script prints its result as one JSON line; its JSON log lines (which carry `msg`) may come before or after it.
  const result = stdout
    .trim()
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return undefined;
      }
    })
    .find((value) => value !== undefined && (Array.isArray(value) || !('msg' in (value as object))));
  if (result === undefined) throw new Error(`${service} seed printed no result: ${stdout.slice(0, 500)}`);
  return result as T;
}

/**
 * Fresh credentials for one run of the local stack: a sandbox platform and its API key (intake), one operator per role
 * (compliance, ledger, dispatch, webhook-gateway), and the provider sandbox's API key and callback secret. Services
 * store only hashes; the plaintext exists in the returned object and the git-ignored credentials file.
 */
export async function issueDevCredentials(
  root: string,
  infraEnv: Record<string, string>,
  fileName = 'dev-credentials.json',
): Promise<DevCredentials> {
  const [platform, complianceOperators, ledgerOperators] = await Promise.all([
    seedScript<DevCredentials['platform']>(root, 'intake', infraEnv, ['sandbox']),
    seedScript<DevCredentials['complianceOperators']>(root, 'compliance', infraEnv),
    seedScript<DevCredentials['ledgerOperators']>(root, 'ledger', infraEnv),
  ]);
  const credentials: DevCredentials = {
    platform: { platformId: platform.platformId, keyId: platform.keyId, apiKey: platform.apiKey },
    complianceOperators,
    ledgerOperators,
    dispatchOperator: { operatorId: 'ops-admin', role: 'admin', token: secret('dop') },
    webhookOperator: { keyId: 'ops', key: secret('wop') },
    sandbox: { apiKey: secret('sbx'), callbackSecret: secret('whsec'), callbackKeyId: 'k1' },
  };
  const file = path.join(root, '.infra', fileName);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return credentials;
}

/** The env each service needs for the credentials it verifies (hashes where the service stores hashes). */
export function credentialEnv(credentials: DevCredentials): Record<string, Record<string, string>> {
  const { sandbox, dispatchOperator, webhookOperator } = credentials;
  return {
    'provider-sandbox': {
      SANDBOX_API_KEYS: sandbox.apiKey,
      SANDBOX_CALLBACK_SECRET: sandbox.callbackSecret,
    },
    'webhook-gateway': {
      [`WEBHOOK_SECRET_SANDBOX_${sandbox.callbackKeyId.toUpperCase()}`]: sandbox.callbackSecret,
      WEBHOOK_OPERATOR_KEYS: `${webhookOperator.keyId}:${sha256(webhookOperator.key)}`,
    },
    dispatch: {
      SANDBOX_API_KEY: sandbox.apiKey,
      DISPATCH_OPERATOR_KEYS: `${dispatchOperator.operatorId}:${dispatchOperator.role}:${sha256(dispatchOperator.token)}`,
    },
  };
}
