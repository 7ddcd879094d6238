import { avroOptions, type PayoutRequestedV1, TOPICS } from '@sluice/contracts';
import { createKafka, createProducer, EventCodec, envelope, frame, RegistryClient } from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import type { Payee } from './prepare.ts';

/** What the load generator did; `sentAtMs` maps each request's tracking key to when it left. */
export interface Offered {
  readonly sentAtMs: Map<string, number>;
  offered: number;
  admitted: number;
  refused: number;
  errors: number;
  /** Requests due but not sent because the client's in-flight cap was reached (an open model should show 0). */
  capped: number;
  readonly refusals: Map<string, number>;
}

export interface LoadOptions {
  readonly ratePerS: number;
  readonly durationS: number;
  readonly payees: readonly Payee[];
  readonly runId: string;
  readonly amountMinor: bigint;
}

const TICK_MS = 10;
const MAX_IN_FLIGHT = 4_000;

const newOffered = (): Offered => ({
  sentAtMs: new Map(),
  offered: 0,
  admitted: 0,
  refused: 0,
  errors: 0,
  capped: 0,
  refusals: new Map(),
});

/**
 * Open model: every tick sends however many requests are due at `ratePerS` since the start, whether or not earlier
 * ones have answered, so a slow pipeline shows up as latency and backlog instead of a lower offered rate.
 */
async function openModel(options: LoadOptions, sendDue: (indexes: number[]) => void): Promise<void> {
  const startedMs = performance.now();
  const total = Math.round(options.ratePerS * options.durationS);
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedMs) * options.ratePerS) / 1000));
    if (due > next) {
      sendDue(Array.from({ length: due - next }, (_, i) => next + i));
      next = due;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
}

const requestBody = (options: LoadOptions, index: number) => {
  const payee = options.payees[index % options.payees.length]!;
  return {
    platform_reference: `${options.runId}-${index}`,
    beneficiary_id: payee.beneficiaryId,
    destination: { type: 'wallet', id: payee.walletId },
    amount_minor: options.amountMinor.toString(),
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    metadata: { bench: options.runId },
  };
};

/** `POST /v1/payouts` at a fixed rate; tracks each admitted payout by its id. */
export async function offerOverRest(intakeUrl: string, apiKey: string, options: LoadOptions): Promise<Offered> {
  const offered = newOffered();
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const send = async (index: number) => {
    const key = `${options.runId}-${index}`;
    const sentMs = Date.now();
    try {
      const res = await fetch(`${intakeUrl}/v1/payouts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(requestBody(options, index)),
      });
      const json = (await res.json()) as { id?: string; code?: string };
      if (res.ok && json.id) {
        offered.admitted += 1;
        offered.sentAtMs.set(json.id, sentMs);
      } else {
        offered.refused += 1;
        const code = `${res.status} ${json.code ?? ''}`;
        offered.refusals.set(code, (offered.refusals.get(code) ?? 0) + 1);
      }
    } catch {
      offered.errors += 1;
    }
  };
  await openModel(options, (indexes) => {
    for (const index of indexes) {
      offered.offered += 1;
      if (inFlight >= MAX_IN_FLIGHT) {
        offered.capped += 1;
        continue;
      }
      inFlight += 1;
      const request = send(index).finally(() => {
        inFlight -= 1;
        pending.delete(request);
      });
      pending.add(request);
    }
  });
  await Promise.all([...pending]);
  return offered;
}

/**
 * `payouts.requested.v1` at a fixed rate, as an upstream platform would publish it; tracks each request by its
 * correlation id (intake carries it onto every event of the payout, the settle entry included).
 */
export async function offerOverTopic(
  endpoints: { kafkaBrokers: readonly string[]; schemaRegistryUrl: string },
  kafkaTopic: string,
  platformId: string,
  options: LoadOptions,
): Promise<Offered> {
  const topic = 'payouts.requested.v1';
  const offered = newOffered();
  const codec = new EventCodec({ [topic]: TOPICS[topic] }, avroOptions());
  const registry = new RegistryClient({ url: endpoints.schemaRegistryUrl, codec, avroOptions: avroOptions() });
  const schemaId = await registry.schemaId(topic);
  const kafka = createKafka({
    clientId: 'sluice-bench',
    brokers: endpoints.kafkaBrokers,
    logger: createLogger('bench', 'fatal'),
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const sends = new Set<Promise<void>>();
  try {
    await openModel(options, (indexes) => {
      const messages = indexes.map((index) => {
        const key = `${options.runId}-${index}`;
        const body = requestBody(options, index);
        const event: PayoutRequestedV1 = {
          ...envelope(topic, 'sluice-bench', { correlationId: key }),
          platform_id: platformId,
          request_id: key,
          platform_reference: body.platform_reference,
          beneficiary_id: body.beneficiary_id,
          destination: { type: 'wallet', id: body.destination.id },
          amount_minor: options.amountMinor,
          currency: 'USDC',
          corridor: body.corridor,
          metadata: body.metadata,
        };
        offered.sentAtMs.set(key, Date.now());
        return { key, value: frame(schemaId, codec.encode(topic, event)) };
      });
      offered.offered += messages.length;
      const sent = producer
        .send({ topic: kafkaTopic, messages })
        .then(() => {
          offered.admitted += messages.length;
        })
        .catch(() => {
          offered.errors += messages.length;
        })
        .finally(() => sends.delete(sent));
      sends.add(sent);
    });
    await Promise.all([...sends]);
  } finally {
    await producer.disconnect();
  }
  return offered;
}
