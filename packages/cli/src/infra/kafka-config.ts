import { randomBytes } from 'node:crypto';
import type { InfraSettings } from './settings.ts';
import { renderTemplate } from './template.ts';

/** server.properties for the single-node KRaft broker, from infra/kafka/server.properties.template. */
export function renderServerProperties(template: string, settings: InfraSettings, dataDir: string): string {
  return renderTemplate(template, {
    HOST: settings.host,
    PORT: settings.kafkaPort,
    CONTROLLER_PORT: settings.kafkaControllerPort,
    DATA_DIR: dataDir,
    PARTITIONS: settings.topicPartitions,
  });
}

/**
 * A KRaft cluster id: 16 random bytes in URL-safe base64 without padding (22 characters), what
 * `kafka-storage random-uuid` prints. Like Kafka's Uuid.randomUuid we avoid a leading '-', which a command line
 * would read as an option.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The `<kafka.version>` property of infra/kafka/pom.xml: the version the jars must have. */
export function kafkaVersionFromPom(pom: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom);
  if (!match?.[1]) throw new Error('infra/kafka/pom.xml has no <kafka.version> property');
  return match[1];
}

/** The broker jar for a Kafka version; its presence in the libs folder means the fetch for that version completed. */
export const kafkaBrokerJar = (version: string) => `kafka_2.13-${version}.jar`;
