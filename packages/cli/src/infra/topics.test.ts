import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSchemaTopics, TOPIC_NAME, topicsFromSchemaFiles, V1_TOPICS } from './topics.ts';

describe('topicsFromSchemaFiles', () => {
  it('names one topic per schemas/<domain>/<topic>.avsc, sorted and without duplicates', () => {
    const { topics, ignored } = topicsFromSchemaFiles([
      'payouts/payouts.requested.v1.avsc',
      'ledger/ledger.entries-posted.v1.avsc',
      'payouts/payouts.accepted.v1.avsc',
      'other/payouts.accepted.v1.avsc',
    ]);
    expect(topics).toEqual(['ledger.entries-posted.v1', 'payouts.accepted.v1', 'payouts.requested.v1']);
    expect(ignored).toEqual([]);
  });

  it('ignores files that name no topic rather than creating a topic for them', () => {
    const { topics, ignored } = topicsFromSchemaFiles([
      'common/envelope.avsc',
      'payouts/payouts.requested.v1.avsc',
      'payouts/nested/payouts.accepted.v1.avsc',
      'payouts/Payouts.Accepted.v1.avsc',
    ]);
    expect(topics).toEqual(['payouts.requested.v1']);
    expect(ignored).toEqual([
      'common/envelope.avsc',
      'payouts/nested/payouts.accepted.v1.avsc',
      'payouts/Payouts.Accepted.v1.avsc',
    ]);
  });
});

describe('V1_TOPICS', () => {
  it('are all valid topic names, each once', () => {
    expect(V1_TOPICS.filter((topic) => !TOPIC_NAME.test(topic))).toEqual([]);
    expect(new Set(V1_TOPICS).size).toBe(V1_TOPICS.length);
  });
});

describe('readSchemaTopics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-schemas-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('falls back to the ARCHITECTURE.md list when schemas/ is missing', () => {
    const result = readSchemaTopics(path.join(dir, 'missing'));
    expect(result.source).toBe('architecture-fallback');
    expect(result.topics).toEqual([...V1_TOPICS]);
  });

  it('falls back when schemas/ holds no .avsc', () => {
    mkdirSync(path.join(dir, 'payouts'));
    writeFileSync(path.join(dir, 'README.md'), '');
    expect(readSchemaTopics(dir).source).toBe('architecture-fallback');
  });

  it('uses the schema files once there are any', () => {
    mkdirSync(path.join(dir, 'payouts'));
    writeFileSync(path.join(dir, 'payouts', 'payouts.requested.v1.avsc'), '{}');
    writeFileSync(path.join(dir, 'payouts', 'notes.txt'), '');
    expect(readSchemaTopics(dir)).toEqual({ source: 'schemas', topics: ['payouts.requested.v1'], ignored: [] });
  });
});
