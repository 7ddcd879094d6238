import { readFileSync } from 'node:fs';
import { kafkaVersionFromPom, newClusterId, renderServerProperties } from './kafka-config.ts';
import { findRepoRoot, infraPaths } from './paths.ts';
import { readInfraSettings } from './settings.ts';
import { parseProperties } from './template.ts';

const paths = infraPaths(findRepoRoot(process.cwd()));
const template = readFileSync(paths.kafka.propertiesTemplate, 'utf8');

function render(env: Record<string, string> = {}) {
  return parseProperties(renderServerProperties(template, readInfraSettings(env), '/data/kafka'));
}

describe('renderServerProperties', () => {
  it('renders a single-node KRaft broker+controller on 127.0.0.1 with the default ports', () => {
    const properties = render();
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('node.id')).toBe('1');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(properties.get('log.dirs')).toBe('/data/kafka');
    expect(properties.get('num.partitions')).toBe('6');
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0');
  });

  it('sets replication factor and min ISR 1 for every internal topic (one broker)', () => {
    const properties = render();
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
      'default.replication.factor',
      'min.insync.replicas',
    ]) {
      expect([key, properties.get(key)]).toEqual([key, '1']);
    }
  });

  it('takes ports and the default partition count from env', () => {
    const properties = render({ KAFKA_PORT: '19092', KAFKA_CONTROLLER_PORT: '19093', SLUICE_TOPIC_PARTITIONS: '3' });
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
    expect(properties.get('num.partitions')).toBe('3');
  });

  it('never mentions localhost', () => {
    expect(renderServerProperties(template, readInfraSettings({}), '/d')).not.toContain('localhost');
  });
});

describe('newClusterId', () => {
  it('is 22 URL-safe base64 characters', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('draws again when the id would start with "-" (read as an option on a command line)', () => {
    const draws = [Buffer.alloc(16, 0xfb), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16));
    expect(id.startsWith('-')).toBe(false);
    expect(draws).toHaveLength(0);
  });
});

describe('kafkaVersionFromPom', () => {
  it('reads the version infra/kafka/pom.xml pins', () => {
    expect(kafkaVersionFromPom(readFileSync(paths.kafka.pom, 'utf8'))).toBe('4.1.1');
  });

  it('fails on a pom without the property', () => {
    expect(() => kafkaVersionFromPom('<project/>')).toThrow('no <kafka.version>');
  });
});
