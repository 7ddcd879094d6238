import { avroOptions, TOPICS } from '@sluice/contracts';
import type { InfraEndpoints } from '@sluice/testing';
import { EventCodec } from '../codec.ts';
import { RegistryClient } from '../registry.ts';

const clients = new Map<string, RegistryClient>();

/** The registry as a service uses it, for every contract topic (logical names); one client per registry URL. */
export function contractRegistry(infra: Pick<InfraEndpoints, 'schemaRegistryUrl'>): RegistryClient {
  let client = clients.get(infra.schemaRegistryUrl);
  if (!client) {
    client = new RegistryClient({
      url: infra.schemaRegistryUrl,
      codec: new EventCodec(TOPICS, avroOptions()),
      avroOptions: avroOptions(),
    });
    clients.set(infra.schemaRegistryUrl, client);
  }
  return client;
}
