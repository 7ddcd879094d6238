import { startContainers } from './containers.ts';
import { configuredEndpoints, type InfraEndpoints, InfraUnavailableError, probe } from './endpoints.ts';

type Env = Record<string, string | undefined>;

let cached: Promise<InfraEndpoints | undefined> | undefined;

/**
 * The real infrastructure for an integration test, found in this order: endpoints from env or `infra:up` →
 * containers when a runtime exists → otherwise undefined locally (the suite is skipped) but a thrown
 * InfraUnavailableError when CI=true, so CI can never go green by skipping.
 */
export function requireInfra(env: Env = process.env): Promise<InfraEndpoints | undefined> {
  if (env === process.env) {
    cached ??= resolveInfra(env);
    return cached;
  }
  return resolveInfra(env);
}

export interface ResolveOptions {
  readonly containers?: () => Promise<InfraEndpoints | undefined>;
  readonly warn?: (line: string) => void;
}

export async function resolveInfra(env: Env, options: ResolveOptions = {}): Promise<InfraEndpoints | undefined> {
  const { containers = startContainers, warn = (line) => process.stderr.write(`${line}\n`) } = options;
  const configured = configuredEndpoints(env);
  const problems = configured ? await probe(configured) : ['no endpoints in env and no .infra/endpoints.json'];
  if (configured && problems.length === 0) return configured;
  const fromContainers = await containers();
  if (fromContainers) return fromContainers;
  if (env.CI === 'true') {
    throw new InfraUnavailableError(
      `CI=true and the real infrastructure is not reachable; refusing to skip integration tests:\n  - ${problems.join(
        '\n  - ',
      )}\nStart it with \`npm run infra:up\` (or set KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL).`,
    );
  }
  warn(`[sluice/testing] skipping integration suite: ${problems.join('; ')}`);
  return undefined;
}
