import { rmSync } from 'node:fs';
import path from 'node:path';
import { kafkaMarkers, startKafka } from './kafka-broker.ts';
import { infraPaths } from './paths.ts';
import { stopByPidFile } from './process-control.ts';
import { readInfraSettings } from './settings.ts';

/** A second, throwaway Kafka broker that a failure drill may stop and start without disturbing the shared one. */
export interface DrillBroker {
  readonly brokers: readonly string[];
  /** Stops the broker process (SIGTERM, then SIGKILL); its data stays so a restart keeps topics and messages. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data, waiting until it answers. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  destroy(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;

/**
 * Starts a broker of the same Kafka build as `infra:up` (same jars, same templates) under `.infra/drills/<name>/` on
 * the given ports. Used by drills such as "broker down while a service keeps writing".
 */
export async function startDrillBroker(
  name: string,
  ports: { kafkaPort: number; controllerPort: number },
  log: (line: string) => void = () => undefined,
): Promise<DrillBroker> {
  const shared = infraPaths();
  const dir = path.join(shared.stateDir, 'drills', name);
  const paths = {
    ...shared,
    kafka: {
      ...shared.kafka,
      dir,
      dataDir: path.join(dir, 'data'),
      propertiesFile: path.join(dir, 'server.properties'),
      clusterIdFile: path.join(dir, 'cluster.id'),
      pidFile: path.join(dir, 'kafka.pid'),
      logFile: path.join(dir, 'kafka.log'),
    },
  };
  const env = {
    ...process.env,
    KAFKA_PORT: String(ports.kafkaPort),
    KAFKA_CONTROLLER_PORT: String(ports.controllerPort),
  };
  const settings = readInfraSettings(env);
  const start = async () => {
    await startKafka(paths, settings, env, log);
  };
  const stop = async () => {
    await stopByPidFile(paths.kafka.pidFile, kafkaMarkers(paths), STOP_GRACE_MS);
  };
  await start();
  return {
    brokers: [`${settings.host}:${settings.kafkaPort}`],
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
