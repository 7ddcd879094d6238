import {
  createKafka,
  dlqTopicOf,
  kafkaTopicName,
  listDeadLetters,
  replayDeadLetters,
  topicNamespace,
} from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import { resolveEndpoints } from '../endpoints.ts';
import type { Command } from './command.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `sluice dlq list|replay --topic T [--namespace NS] [--event-id ID] [--offset N]`. The topic is the logical name; the
 * namespace (default: KAFKA_TOPIC_NAMESPACE, else the production names) says whose dead letters, e.g. `demo`.
 */
export const dlqCommand: Command = {
  summary: 'list dead letters of a topic, or replay them to the original topic (dlq list|replay --topic T)',
  options: {
    topic: { type: 'string', short: 't' },
    namespace: { type: 'string', short: 'n' },
    'event-id': { type: 'string' },
    offset: { type: 'string', multiple: true },
  },
  async run({ values, positionals }) {
    const action = positionals[0];
    const topic = values.topic;
    if ((action !== 'list' && action !== 'replay') || typeof topic !== 'string') {
      print(
        'usage: sluice dlq list --topic <topic> [--namespace NS] | ' +
          'sluice dlq replay --topic <topic> [--namespace NS] [--event-id ID] [--offset N]',
      );
      return 2;
    }
    const namespace = topicNamespace(
      typeof values.namespace === 'string' ? values.namespace : (process.env.KAFKA_TOPIC_NAMESPACE ?? ''),
    );
    const scope = { topic, namespace };
    const endpoints = resolveEndpoints();
    const kafka = createKafka({
      clientId: 'sluice-cli',
      brokers: endpoints.kafkaBrokers,
      logger: createLogger('cli', 'warn'),
    });
    if (action === 'list') {
      const letters = await listDeadLetters(kafka, scope);
      print(`${letters.length} dead letter(s) in ${kafkaTopicName(namespace, dlqTopicOf(topic))}`);
      for (const l of letters) {
        print(
          `  p${l.partition}@${l.dlqOffset}  from ${l.originalTopic}@${l.originalOffset}  ${l.errorClass}  attempts=${l.attempts}  event=${l.eventId ?? '-'}\n      ${l.reason}`,
        );
      }
      return 0;
    }
    const eventId = typeof values['event-id'] === 'string' ? values['event-id'] : undefined;
    const offsets = Array.isArray(values.offset) ? values.offset.map(String) : undefined;
    const replayed = await replayDeadLetters(kafka, scope, {
      ...(eventId ? { eventId } : {}),
      ...(offsets ? { dlqOffsets: offsets } : {}),
    });
    print(`replayed ${replayed.length} dead letter(s) to ${kafkaTopicName(namespace, topic)}`);
    return replayed.length > 0 || (!eventId && !offsets) ? 0 : 4;
  },
};
