import { type Admin, Kafka, logLevel } from 'kafkajs';

/**
 * Runs `work` with a connected kafkajs admin client. kafkajs logging is off: while the broker starts every probe
 * fails by design, and the errors that matter are thrown to the caller.
 */
export async function withAdmin<T>(
  brokers: readonly string[],
  work: (admin: Admin) => Promise<T>,
  options: { readonly retries: number; readonly connectionTimeoutMs: number } = {
    retries: 5,
    connectionTimeoutMs: 3_000,
  },
): Promise<T> {
  const kafka = new Kafka({
    clientId: 'sluice-infra',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: options.connectionTimeoutMs,
    retry: { retries: options.retries },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** True when the broker answers a metadata request (describeCluster) within about a second. */
export async function kafkaAnswers(brokers: readonly string[]): Promise<boolean> {
  try {
    await withAdmin(brokers, (admin) => admin.describeCluster(), { retries: 0, connectionTimeoutMs: 1_000 });
    return true;
  } catch {
    return false;
  }
}
