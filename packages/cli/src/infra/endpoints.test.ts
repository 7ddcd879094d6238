import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type InfraEndpoints, readEndpointsFile, writeEndpointsFile } from './endpoints.ts';
import { formatStatus } from './status.ts';

const endpoints: InfraEndpoints = {
  kafkaBrokers: ['127.0.0.1:9092'],
  schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  postgresUrl: 'postgres://postgres@127.0.0.1:5432',
  kafkaVersion: '4.1.1',
  registryVersion: '3.3.3',
  postgresVersion: '15.20',
};

describe('endpoints file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-endpoints-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what was written', () => {
    const file = path.join(dir, 'endpoints.json');
    writeEndpointsFile(file, endpoints);
    expect(readEndpointsFile(file)).toEqual(endpoints);
  });

  it('is undefined when missing, not JSON, or missing a field', () => {
    const file = path.join(dir, 'endpoints.json');
    expect(readEndpointsFile(file)).toBeUndefined();
    writeFileSync(file, '{ not json');
    expect(readEndpointsFile(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...endpoints, kafkaBrokers: '127.0.0.1:9092' }));
    expect(readEndpointsFile(file)).toBeUndefined();
  });
});

describe('formatStatus', () => {
  it('prints one line per component with state, version, endpoint, pid and detail', () => {
    const lines = formatStatus([
      { component: 'kafka', up: true, endpoint: '127.0.0.1:9092', version: '4.1.1', pid: 42 },
      { component: 'postgresql', up: false, endpoint: 'postgres://postgres@127.0.0.1:5432', detail: 'ECONNREFUSED' },
    ]);
    expect(lines).toEqual([
      'kafka            up    4.1.1    127.0.0.1:9092  pid 42',
      'postgresql       down  -        postgres://postgres@127.0.0.1:5432  (ECONNREFUSED)',
    ]);
  });
});
