// Risk retired: docker-compose.yml drifts from the services (an env name no service reads, a port nobody listens on).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@sluice/testing';
import { parse } from 'yaml';
import type { z } from 'zod';

interface ComposeService {
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
}

const root = repoRoot();
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const serviceFolders = readdirSync(path.join(root, 'services')).filter((name) =>
  existsSync(path.join(root, 'services', name, 'src', 'config.ts')),
);
/** ARCHITECTURE.md §2: the local port of every service. */
const ARCHITECTURE_PORTS: Record<string, number> = {
  intake: 7001,
  compliance: 7002,
  dispatch: 7003,
  'webhook-gateway': 7004,
  ledger: 7005,
  reconciliation: 7006,
  console: 7007,
  'provider-sandbox': 7010,
};

async function configSchemaOf(service: string): Promise<z.ZodObject> {
  const module = (await import(pathToFileURL(path.join(root, 'services', service, 'src', 'config.ts')).href)) as Record<
    string,
    unknown
  >;
  const schema = Object.entries(module).find(([name]) => name.endsWith('ConfigSchema'))?.[1];
  if (!schema) throw new Error(`services/${service}/src/config.ts exports no *ConfigSchema`);
  return schema as z.ZodObject;
}

describe('docker-compose.yml', () => {
  it('has an entry for every service folder', () => {
    expect(serviceFolders.length).toBeGreaterThan(0);
    for (const service of serviceFolders) expect(Object.keys(compose.services)).toContain(service);
  });

  it.each(serviceFolders)('%s: every env name is read by its config schema and the port matches', async (service) => {
    const entry = compose.services[service]!;
    const schema = await configSchemaOf(service);
    const known = Object.keys(schema.shape);
    const environment = entry.environment ?? {};
    for (const name of Object.keys(environment)) expect(known).toContain(name);

    const httpPort = Number(environment.HTTP_PORT);
    expect(httpPort).toBe(ARCHITECTURE_PORTS[service]);
    expect(entry.ports).toContain(`127.0.0.1:${httpPort}:${httpPort}`);
    // The schema's own default is the same port, so running without env also matches the architecture.
    const defaults = schema.parse({}) as { HTTP_PORT?: number };
    expect(defaults.HTTP_PORT).toBe(httpPort);
    expect(entry.command).toEqual(['node', `services/${service}/src/main.ts`]);
  });
});
