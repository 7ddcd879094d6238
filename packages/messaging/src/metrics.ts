import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Messaging metrics, registered on the service's registry so /metrics shows them beside the HTTP ones. */
export interface MessagingMetrics {
  readonly consumed: Counter<'topic'>;
  readonly duplicates: Counter<'topic'>;
  readonly deadLettered: Counter<'topic' | 'error_class'>;
  readonly retries: Counter<'topic'>;
  readonly chunkFallbacks: Counter<'topic'>;
  readonly handlerSeconds: Histogram<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly outboxBacklog: Gauge;
  readonly published: Counter<'topic'>;
  readonly publishFailures: Counter;
}

const cache = new WeakMap<Registry, MessagingMetrics>();

/** One set per registry: the relay and several consumers of one service share the same series. */
export function messagingMetrics(registry: Registry): MessagingMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const metrics: MessagingMetrics = {
    consumed: new Counter({
      name: 'sluice_events_consumed_total',
      help: 'Events handled',
      labelNames: ['topic'],
      registers,
    }),
    duplicates: new Counter({
      name: 'sluice_events_duplicate_total',
      help: 'Redelivered events skipped by the inbox',
      labelNames: ['topic'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'sluice_events_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['topic', 'error_class'],
      registers,
    }),
    retries: new Counter({
      name: 'sluice_events_retried_total',
      help: 'Handler retries after retryable errors',
      labelNames: ['topic'],
      registers,
    }),
    chunkFallbacks: new Counter({
      name: 'sluice_consumer_chunk_fallbacks_total',
      help: 'Chunks whose one transaction failed and were handled event by event instead',
      labelNames: ['topic'],
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'sluice_event_handler_seconds',
      help: 'Time to handle one event including its transaction',
      labelNames: ['topic'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'sluice_consumer_lag',
      help: 'Messages behind the partition high watermark at the last batch',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    outboxBacklog: new Gauge({ name: 'sluice_outbox_backlog', help: 'Outbox rows not yet published', registers }),
    published: new Counter({
      name: 'sluice_events_published_total',
      help: 'Events published by the outbox relay',
      labelNames: ['topic'],
      registers,
    }),
    publishFailures: new Counter({
      name: 'sluice_outbox_publish_failures_total',
      help: 'Relay batches that failed to publish',
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
