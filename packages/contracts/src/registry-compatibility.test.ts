import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccompatBase, probeRegistry, registryFromOptions } from './registry-compatibility.ts';

describe('ccompatBase', () => {
  it('appends the Apicurio ccompat path to a bare origin and keeps an explicit path', () => {
    expect(ccompatBase('http://127.0.0.1:8081')).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(ccompatBase('http://127.0.0.1:8081/')).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(ccompatBase('http://127.0.0.1:8081/apis/ccompat/v7/')).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
  });
});

describe('registryFromOptions', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sluice-registry-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const recordEndpoints = (content: object) => {
    mkdirSync(join(root, '.infra'));
    writeFileSync(join(root, '.infra', 'endpoints.json'), JSON.stringify(content));
  };

  it('prefers the flag, then SCHEMA_REGISTRY_URL, then .infra/endpoints.json', () => {
    recordEndpoints({ schemaRegistryUrl: 'http://127.0.0.1:8083/apis/ccompat/v7' });
    const env = { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8082' };
    expect(registryFromOptions(root, 'http://127.0.0.1:8081', env)).toEqual({
      url: 'http://127.0.0.1:8081/apis/ccompat/v7',
      source: 'flag',
    });
    expect(registryFromOptions(root, undefined, env)).toEqual({
      url: 'http://127.0.0.1:8082/apis/ccompat/v7',
      source: 'env',
    });
    expect(registryFromOptions(root, undefined, {})).toEqual({
      url: 'http://127.0.0.1:8083/apis/ccompat/v7',
      source: 'infra-endpoints',
    });
  });

  it('has no registry when nothing names one', () => {
    expect(registryFromOptions(root, undefined, {})).toBeUndefined();
    recordEndpoints({ kafkaBrokers: ['127.0.0.1:9092'] });
    expect(registryFromOptions(root, undefined, {})).toBeUndefined();
  });
});

describe('probeRegistry', () => {
  it('names the network error of an unreachable registry', async () => {
    // fetch refuses port 9 outright ("bad port"): deterministic, and no packet leaves the process.
    expect(await probeRegistry('http://127.0.0.1:9/apis/ccompat/v7')).toMatch(/failed: /);
  });
});
