import { avroOptions, type PayoutRequestedV1, TOPICS } from '@sluice/contracts';
import { createKafka, createProducer, EventCodec, envelope, kafkaTopicName, RegistryClient } from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import type { InfraEndpoints } from '../infra/index.ts';
import type { Stack } from '../stack/stack.ts';
import { DEMO_NAMESPACE } from './demo-namespace.ts';
import { expectOk, jsonClient } from './http.ts';
import { print, section } from './print.ts';
import { DEMO_PAYOUTS, type DemoPayout } from './scenarios.ts';
import type { DemoParties } from './setup.demo.ts';

export interface Submitted extends DemoPayout {
  readonly key: string;
  /** Set once intake answered (REST) or once the payout shows up in the platform's list (topic). */
  payoutId: string;
}

const TOPIC = 'payouts.requested.v1';

function body(payout: DemoPayout, parties: DemoParties, runId: string, key: string) {
  return {
    platform_reference: `${runId}-${key}`,
    beneficiary_id: parties.beneficiaries[payout.beneficiary],
    destination: { type: 'wallet', id: parties.wallets[`${payout.beneficiary}:${payout.wallet}`] },
    amount_minor: payout.amountMinor.toString(),
    currency: 'USDC',
    corridor: payout.corridor,
    metadata: { scenario: payout.scenario, demo_run: runId, ...(payout.silent ? { callbacks: 'none' } : {}) },
  };
}

/** The platform's side: the batch over REST (with a replay and a refused key reuse) and one request over Kafka. */
export async function submitBatch(
  stack: Stack,
  endpoints: InfraEndpoints,
  parties: DemoParties,
  runId: string,
): Promise<Submitted[]> {
  section('Intake: a mixed batch over REST and Kafka');
  const intake = jsonClient(stack.urls.intake, stack.credentials.platform.apiKey);
  const submitted: Submitted[] = [];
  for (const [index, payout] of DEMO_PAYOUTS.entries()) {
    const key = `${runId}-${index}`;
    if (payout.via === 'topic') {
      await publishRequest(stack, endpoints, payout, parties, runId, key);
      submitted.push({ ...payout, key, payoutId: '' });
      continue;
    }
    const answer = expectOk(
      await intake.post('/v1/payouts', body(payout, parties, runId, key), { 'Idempotency-Key': key }),
      `POST /v1/payouts (${payout.label})`,
    );
    submitted.push({ ...payout, key, payoutId: String(answer.id) });
  }
  print(
    `  ${submitted.filter((p) => p.via === 'rest').length} payouts accepted over REST, 1 request published on ${kafkaTopicName(DEMO_NAMESPACE, TOPIC)}`,
  );

  const first = submitted[0]!;
  const replay = await intake.post('/v1/payouts', body(first, parties, runId, first.key), {
    'Idempotency-Key': first.key,
  });
  print(
    `  same key, same body again → ${replay.status}, Idempotent-Replayed: ${replay.headers.get('idempotent-replayed')}, same payout ${replay.body.id === first.payoutId ? 'yes' : 'NO'}`,
  );
  const changed = { ...body(first, parties, runId, first.key), amount_minor: '999000000' };
  const reused = await intake.post('/v1/payouts', changed, { 'Idempotency-Key': first.key });
  print(`  same key, different amount → ${reused.status} ${String(reused.body.code)} (nothing paid twice)`);
  if (replay.headers.get('idempotent-replayed') !== 'true' || reused.status !== 409) {
    throw new Error('idempotency was not demonstrated');
  }

  const viaTopic = submitted.find((p) => p.via === 'topic')!;
  viaTopic.payoutId = await findByReference(intake, `${runId}-${viaTopic.key}`);
  print(`  the Kafka request became payout ${viaTopic.payoutId}`);
  return submitted;
}

async function publishRequest(
  stack: Stack,
  endpoints: InfraEndpoints,
  payout: DemoPayout,
  parties: DemoParties,
  runId: string,
  key: string,
): Promise<void> {
  const codec = new EventCodec({ [TOPIC]: TOPICS[TOPIC] }, avroOptions());
  const registry = new RegistryClient({ url: endpoints.schemaRegistryUrl, codec, avroOptions: avroOptions() });
  const kafka = createKafka({
    clientId: 'sluice-demo',
    brokers: endpoints.kafkaBrokers,
    logger: createLogger('demo', 'fatal'),
  });
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    const requested = body(payout, parties, runId, key);
    const event: PayoutRequestedV1 = {
      ...envelope(TOPIC, 'sluice-demo', { correlationId: key }),
      platform_id: stack.credentials.platform.platformId,
      request_id: key,
      platform_reference: requested.platform_reference,
      beneficiary_id: requested.beneficiary_id,
      destination: { type: 'wallet', id: requested.destination.id ?? '' },
      amount_minor: payout.amountMinor,
      currency: 'USDC',
      corridor: payout.corridor,
      metadata: requested.metadata,
    };
    const value = await registry.encode(TOPIC, event);
    await producer.send({ topic: kafkaTopicName(DEMO_NAMESPACE, TOPIC), messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}

async function findByReference(intake: ReturnType<typeof jsonClient>, reference: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const page = expectOk(await intake.get('/v1/payouts?limit=100'), 'list payouts');
    const found = (page.data as { id: string; platform_reference: string | null }[] | undefined)?.find(
      (p) => p.platform_reference === reference,
    );
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the request published on ${TOPIC} was not accepted within 60 s`);
}
