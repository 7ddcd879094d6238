import { InfraError } from './errors.ts';
import { javaMajor } from './java.ts';
import { readInfraSettings } from './settings.ts';

describe('readInfraSettings', () => {
  it('defaults to the ports of ARCHITECTURE.md §2 on 127.0.0.1', () => {
    expect(readInfraSettings({})).toEqual({
      host: '127.0.0.1',
      kafkaPort: 9092,
      kafkaControllerPort: 9093,
      registryPort: 8081,
      registryManagementPort: 9000,
      topicPartitions: 6,
      postgres: { host: '127.0.0.1', port: 5432, user: 'postgres' },
    });
  });

  it('takes every port and the PostgreSQL address from env', () => {
    const settings = readInfraSettings({
      KAFKA_PORT: '19092',
      SCHEMA_REGISTRY_PORT: '18081',
      PGHOST: '127.0.0.2',
      PGPORT: '15432',
      PGUSER: 'sluice',
    });
    expect(settings.kafkaPort).toBe(19092);
    expect(settings.registryPort).toBe(18081);
    expect(settings.postgres).toEqual({ host: '127.0.0.2', port: 15432, user: 'sluice' });
  });

  it.each([
    ['KAFKA_PORT', '0'],
    ['KAFKA_PORT', '70000'],
    ['SCHEMA_REGISTRY_PORT', 'eighty'],
    ['SLUICE_TOPIC_PARTITIONS', '1.5'],
    ['SLUICE_TOPIC_PARTITIONS', '0'],
  ])('refuses %s=%s with invalid_setting', (name, value) => {
    expect(() => readInfraSettings({ [name]: value })).toThrow(
      expect.objectContaining({ code: 'invalid_setting', message: expect.stringContaining(name) }),
    );
  });

  it('refuses PGHOST=localhost (it may resolve to ::1)', () => {
    expect(() => readInfraSettings({ PGHOST: 'localhost' })).toThrow(InfraError);
  });
});

describe('javaMajor', () => {
  it.each([
    ['17.0.15', 17],
    ['25.0.3', 25],
    ['21', 21],
    ['1.8.0_402', 8],
  ])('%s → %d', (version, major) => {
    expect(javaMajor(version)).toBe(major);
  });

  it('is undefined for text that is no version', () => {
    expect(javaMajor('unknown')).toBeUndefined();
  });
});
