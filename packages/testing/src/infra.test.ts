import { InfraUnavailableError } from './endpoints.ts';
import { resolveInfra } from './infra.ts';

// Endpoints that cannot answer: port 1 is never a broker, registry or database here.
const unreachable = {
  KAFKA_BROKERS: '127.0.0.1:1',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1/apis/ccompat/v7',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1',
};
const noContainers = async () => undefined;

describe('resolveInfra', () => {
  it('fails loudly with CI=true when the broker is unreachable, naming what is down', async () => {
    const attempt = resolveInfra({ ...unreachable, CI: 'true' }, { containers: noContainers });
    await expect(attempt).rejects.toBeInstanceOf(InfraUnavailableError);
    await expect(attempt).rejects.toThrow(/CI=true.*refusing to skip/);
    await expect(attempt).rejects.toThrow(/Kafka broker 127\.0\.0\.1:1 is unreachable/);
    await expect(attempt).rejects.toThrow(/npm run infra:up/);
  });

  it('skips (resolves undefined) outside CI when nothing is reachable', async () => {
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    await expect(resolveInfra({ ...unreachable }, { containers: noContainers, warn })).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('skipping integration suite')]);
  });

  it('uses containers when configured endpoints are down and a runtime exists', async () => {
    const fromContainers = {
      kafkaBrokers: ['127.0.0.1:19092'],
      schemaRegistryUrl: 'http://127.0.0.1:18081/apis/ccompat/v7',
      postgresUrl: 'postgres://postgres@127.0.0.1:15432',
      source: 'testcontainers' as const,
    };
    await expect(
      resolveInfra({ ...unreachable, CI: 'true' }, { containers: async () => fromContainers }),
    ).resolves.toBe(fromContainers);
  });
});
