import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { TOPICS } from './generated/topics.ts';
import { repoRoot } from './schema-files.ts';
import { TOPIC_NAMES } from './topic-registry.ts';

interface Ref {
  readonly $ref: string;
}
interface AsyncApiDoc {
  readonly asyncapi: string;
  readonly channels: Record<string, { address: string; messages: Record<string, Ref>; 'x-producers': string[] }>;
  readonly operations: Record<string, { action: 'send' | 'receive'; channel: Ref; messages: Ref[] }>;
  readonly components: {
    readonly messages: Record<
      string,
      {
        payload: { schemaFormat: string; schema: Ref };
        bindings: { kafka: { key: { type: string; description: string } } };
      }
    >;
  };
}

const root = repoRoot();
const doc = parse(readFileSync(join(root, 'docs/asyncapi.yaml'), 'utf8')) as AsyncApiDoc;

/** Resolves a local JSON pointer like `#/components/messages/X` in the document. */
function pointer(ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

describe('docs/asyncapi.yaml', () => {
  it('is AsyncAPI 3', () => {
    expect(doc.asyncapi).toMatch(/^3\./);
  });

  it('has one channel per topic of the registry, and no other', () => {
    expect(Object.keys(doc.channels).sort()).toEqual([...TOPIC_NAMES].sort());
  });

  it.each(TOPIC_NAMES.map((t) => [t]))('%s: address, Avro payload from its .avsc, key and producer', (topic) => {
    const channel = doc.channels[topic]!;
    expect(channel.address).toBe(topic);
    expect(channel['x-producers'].length).toBeGreaterThan(0);
    const refs = Object.values(channel.messages);
    expect(refs).toHaveLength(1);
    const message = pointer(refs[0]!.$ref) as AsyncApiDoc['components']['messages'][string];
    expect(message.payload.schemaFormat).toBe('application/vnd.apache.avro;version=1.9.0');
    const schemaPath = relative(root, resolve(root, 'docs', message.payload.schema.$ref));
    expect(schemaPath).toBe(TOPICS[topic].schemaFile);
    const { keyField, keyFallbackField } = TOPICS[topic];
    expect(message.bindings.kafka.key.type).toBe('string');
    expect(message.bindings.kafka.key.description).toContain(keyField);
    if (keyFallbackField !== null) expect(message.bindings.kafka.key.description).toContain(keyFallbackField);
  });

  it('points every operation at an existing channel and message, with at least one sender per channel', () => {
    const senders = new Set<string>();
    for (const operation of Object.values(doc.operations)) {
      expect(pointer(operation.channel.$ref)).toBeDefined();
      for (const message of operation.messages) expect(pointer(message.$ref)).toBeDefined();
      if (operation.action === 'send') senders.add(operation.channel.$ref);
    }
    expect([...senders].sort()).toEqual(TOPIC_NAMES.map((t) => `#/channels/${t}`).sort());
  });
});
