import { defineEntity, p } from '@mikro-orm/core';

/** One consumed event: its id is the idempotency key of every consumer effect (written in the effect's transaction). */
export const InboxEntry = defineEntity({
  name: 'InboxEntry',
  tableName: 'inbox',
  properties: {
    eventId: p.uuid().primary(),
    topic: p.text(),
    partition: p.integer(),
    offset: p.bigint().fieldName('offset'),
    eventType: p.text(),
    processedAt: p.datetime(),
  },
});

/** One event waiting for (or done with) publication by the outbox relay. */
export const OutboxEntry = defineEntity({
  name: 'OutboxEntry',
  tableName: 'outbox',
  properties: {
    id: p.bigint().primary().autoincrement(),
    eventId: p.uuid().unique(),
    topic: p.text(),
    messageKey: p.text(),
    payload: p.blob(),
    headers: p.json<Record<string, string>>(),
    payoutId: p.text().nullable(),
    correlationId: p.text(),
    createdAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    publishAttempts: p.integer(),
    lastError: p.text().nullable(),
  },
});

export const messagingEntities = [InboxEntry, OutboxEntry];
