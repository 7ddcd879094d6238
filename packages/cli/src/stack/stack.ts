import type { InfraEndpoints } from '../infra/index.ts';
import { assertPortsFree } from '../infra/process-control.ts';
import { credentialEnv, type DevCredentials, issueDevCredentials } from './credentials.ts';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';

/** The services of the local stack and their ports (ARCHITECTURE.md §2); `SLUICE_<NAME>_PORT` overrides each. */
export const STACK_SERVICES = {
  intake: 7001,
  compliance: 7002,
  dispatch: 7003,
  'webhook-gateway': 7004,
  ledger: 7005,
  'provider-sandbox': 7010,
} as const;

export type StackServiceName = keyof typeof STACK_SERVICES;

export interface Stack {
  readonly urls: Readonly<Record<StackServiceName, string>>;
  readonly credentials: DevCredentials;
  readonly processes: readonly ServiceProcess[];
  stop(): Promise<void>;
}

const portOf = (name: StackServiceName, env = process.env) =>
  Number(env[`SLUICE_${name.toUpperCase().replaceAll('-', '_')}_PORT`] ?? STACK_SERVICES[name]);

/**
 * Seeds fresh dev credentials, then starts every service as its own process against the running infrastructure and
 * waits until each answers /readyz. Services find each other by URL (the sandbox calls back the gateway; dispatch
 * calls the sandbox) and otherwise only through Kafka.
 */
export async function startStack(
  root: string,
  endpoints: InfraEndpoints,
  options: {
    log?: (line: string) => void;
    /** Env of one service only (its tuning, its consumer group). */
    extraEnv?: Partial<Record<StackServiceName, Record<string, string>>>;
    /** Env of every service and of the seed scripts (database names, topic namespace): a stack apart from `npm start`'s. */
    sharedEnv?: Record<string, string>;
    /** Where under .infra/ the run's credentials go; a benchmark keeps `npm start`'s dev-credentials.json intact. */
    credentialsFile?: string;
  } = {},
): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const infraEnv = {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: endpoints.postgresUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...options.sharedEnv,
  };
  // A port already taken (another stack, a benchmark) would answer /readyz for a service that never started.
  await assertPortsFree(
    '127.0.0.1',
    (Object.keys(STACK_SERVICES) as StackServiceName[]).map(
      (name) => [`SLUICE_${name.toUpperCase().replaceAll('-', '_')}_PORT`, portOf(name)] as const,
    ),
  );
  const credentialsFile = options.credentialsFile ?? 'dev-credentials.json';
  const credentials = await issueDevCredentials(root, infraEnv, credentialsFile);
  log(`credentials issued (written to .infra/${credentialsFile})`);
  const names = Object.keys(STACK_SERVICES) as StackServiceName[];
  const urls = Object.fromEntries(names.map((name) => [name, `http://127.0.0.1:${portOf(name)}`])) as Record<
    StackServiceName,
    string
  >;
  const wiring: Partial<Record<StackServiceName, Record<string, string>>> = {
    'provider-sandbox': { SANDBOX_CALLBACK_URL: `${urls['webhook-gateway']}/v1/webhooks/sandbox` },
    dispatch: { SANDBOX_URL: urls['provider-sandbox'] },
  };
  const secrets = credentialEnv(credentials);
  const started = await Promise.allSettled(
    names.map(async (name) => {
      const processHandle = await startServiceProcess({
        root,
        name,
        port: portOf(name),
        env: { ...infraEnv, ...secrets[name], ...wiring[name], ...options.extraEnv?.[name] },
      });
      log(`${name.padEnd(17)} ready at ${processHandle.url}  (log ${processHandle.logFile.replace(`${root}/`, '')})`);
      return processHandle;
    }),
  );
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  const failures = started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  if (failures.length > 0) {
    await stop();
    throw new Error(`the stack did not start:\n  ${failures.join('\n  ')}`);
  }
  return { urls, credentials, processes, stop };
}
