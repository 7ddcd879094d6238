import avro from 'avsc';
import type { TopicCatalog, TopicSpec } from './topic-spec.ts';

/** A value that does not match its topic's schema; `paths` names every offending field. */
export class EventShapeError extends Error {
  readonly code = 'event_shape_invalid';
  readonly paths: readonly string[];
  constructor(topic: string, paths: readonly string[]) {
    super(`event does not match the ${topic} schema at: ${paths.join(', ')}`);
    this.name = 'EventShapeError';
    this.paths = paths;
  }
}

/**
 * Avro encoding of events with the contract schemas, checked before anything is written: an event that does not fit
 * its schema fails in the producing transaction, never in a consumer.
 */
export class EventCodec {
  readonly #types = new Map<string, avro.Type>();
  readonly #specs: TopicCatalog;

  constructor(specs: TopicCatalog, avroOptions: Partial<avro.ForSchemaOptions>) {
    this.#specs = specs;
    for (const spec of Object.values(specs)) {
      this.#types.set(spec.topic, avro.Type.forSchema(spec.schema as avro.Schema, { ...avroOptions }));
    }
  }

  spec(topic: string): TopicSpec {
    const spec = this.#specs[topic];
    if (!spec) throw new Error(`unknown topic ${topic}`);
    return spec;
  }

  type(topic: string): avro.Type {
    const type = this.#types.get(topic);
    if (!type) throw new Error(`unknown topic ${topic}`);
    return type;
  }

  /** Avro binary of `event` (no registry framing: the relay adds the schema id when it publishes). */
  encode(topic: string, event: object): Buffer {
    const type = this.type(topic);
    const paths: string[] = [];
    if (!type.isValid(event, { errorHook: (path) => paths.push(path.join('.') || '(root)') })) {
      throw new EventShapeError(topic, paths);
    }
    return type.toBuffer(event);
  }

  decode<T>(topic: string, avroBytes: Buffer): T {
    return this.type(topic).fromBuffer(avroBytes) as T;
  }

  /** The message key: the topic's key field, so all events of one payout land on one partition, in order. */
  keyOf(topic: string, event: object): string {
    const spec = this.spec(topic);
    const fields = event as Record<string, unknown>;
    const key = fields[spec.keyField] ?? (spec.keyFallbackField ? fields[spec.keyFallbackField] : undefined);
    if (typeof key !== 'string' || key.length === 0) {
      throw new EventShapeError(topic, [`${spec.keyField} (message key) is empty`]);
    }
    return key;
  }
}
