import { createKafka, listDeadLetters, replayDeadLetters } from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import { resolveEndpoints } from '../endpoints.ts';
import type { Command } from './command.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `sluice dlq list|replay --topic T [--event-id ID] [--offset N]` */
export const dlqCommand: Command = {
  summary: 'list dead letters of a topic, or replay them to the original topic (dlq list|replay --topic T)',
  options: {
    topic: { type: 'string', short: 't' },
    'event-id': { type: 'string' },
    offset: { type: 'string', multiple: true },
  },
  async run({ values, positionals }) {
    const action = positionals[0];
    const topic = values.topic;
    if ((action !== 'list' && action !== 'replay') || typeof topic !== 'string') {
      print('usage: sluice dlq list --topic <topic> | sluice dlq replay --topic <topic> [--event-id ID] [--offset N]');
      return 2;
    }
    const endpoints = resolveEndpoints();
    const kafka = createKafka({
      clientId: 'sluice-cli',
      brokers: endpoints.kafkaBrokers,
      logger: createLogger('cli', 'warn'),
    });
    if (action === 'list') {
      const letters = await listDeadLetters(kafka, topic);
      print(`${letters.length} dead letter(s) in ${topic}.dlq`);
      for (const l of letters) {
        print(
          `  p${l.partition}@${l.dlqOffset}  from ${l.originalTopic}@${l.originalOffset}  ${l.errorClass}  attempts=${l.attempts}  event=${l.eventId ?? '-'}\n      ${l.reason}`,
        );
      }
      return 0;
    }
    const eventId = typeof values['event-id'] === 'string' ? values['event-id'] : undefined;
    const offsets = Array.isArray(values.offset) ? values.offset.map(String) : undefined;
    const replayed = await replayDeadLetters(kafka, topic, {
      ...(eventId ? { eventId } : {}),
      ...(offsets ? { dlqOffsets: offsets } : {}),
    });
    print(`replayed ${replayed.length} dead letter(s) to ${topic}`);
    return replayed.length > 0 || (!eventId && !offsets) ? 0 : 4;
  },
};
