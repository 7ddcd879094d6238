import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import type { EventCodec } from './codec.ts';

/** Confluent wire format: magic byte 0, big-endian schema id, then the Avro binary. */
const MAGIC_BYTE = 0;

export function frame(schemaId: number, avroBytes: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, avroBytes]);
}

/**
 * The schema registry as messaging uses it: registers the contract schema of each topic once (registration of an
 * identical schema returns the existing id), frames outgoing bytes with that id, and decodes incoming messages with the
 * writer's schema from the registry resolved into our reader schema.
 */
export class RegistryClient {
  readonly #registry: SchemaRegistry;
  readonly #codec: EventCodec;
  readonly #ids = new Map<string, Promise<number>>();
  readonly #resolvers = new Map<string, ReturnType<avro.Type['createResolver']>>();

  constructor(options: { url: string; codec: EventCodec; avroOptions: Partial<avro.ForSchemaOptions> }) {
    this.#codec = options.codec;
    this.#registry = new SchemaRegistry(
      { host: options.url, clientId: 'sluice' },
      { [SchemaType.AVRO]: options.avroOptions },
    );
  }

  /** The registry id of `topic`'s schema under subject `<topic>-value`, registered on first use. */
  schemaId(topic: string): Promise<number> {
    let id = this.#ids.get(topic);
    if (!id) {
      const spec = this.#codec.spec(topic);
      id = this.#registry
        .register({ type: SchemaType.AVRO, schema: JSON.stringify(spec.schema) }, { subject: spec.subject })
        .then((registered) => registered.id);
      id.catch(() => this.#ids.delete(topic));
      this.#ids.set(topic, id);
    }
    return id;
  }

  /** `event` as a producer puts it on `topic`: Avro with the contract schema, framed with its registry id. */
  async encode(topic: string, event: object): Promise<Buffer> {
    return frame(await this.schemaId(topic), this.#codec.encode(topic, event));
  }

  /**
   * Decodes a framed message with the writer's schema (fetched by id, cached) resolved into our reader schema, so a
   * producer on a newer compatible schema version is read correctly. Throws on unframed bytes or an unresolvable
   * writer schema; the consumer runner dead-letters those.
   */
  async decode<T>(topic: string, bytes: Buffer): Promise<T> {
    if (bytes.length < 5 || bytes.readUInt8(0) !== MAGIC_BYTE) {
      throw new Error('message is not in the registry wire format (missing magic byte and schema id)');
    }
    const schemaId = bytes.readInt32BE(1);
    const cacheKey = `${topic}#${schemaId}`;
    let resolver = this.#resolvers.get(cacheKey);
    if (!resolver) {
      const writer = (await this.#registry.getSchema(schemaId)) as unknown as avro.Type;
      resolver = this.#codec.type(topic).createResolver(writer);
      this.#resolvers.set(cacheKey, resolver);
    }
    return this.#codec.type(topic).fromBuffer(bytes.subarray(5), resolver) as T;
  }
}
