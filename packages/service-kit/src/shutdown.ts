import { createServer, type RequestListener } from 'node:http';
import type { Logger } from './logger.ts';

/** Something to stop on shutdown, in the order given (stop intake first, close stores last). */
export interface Closable {
  readonly name: string;
  close(): Promise<void>;
}

const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * Stops every closable in order on SIGTERM or SIGINT, then exits. A second signal or the deadline forces the exit,
 * so a hung dependency cannot keep a pod alive forever.
 */
export function onShutdown(logger: Logger, closables: readonly Closable[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown deadline passed: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    for (const closable of closables) {
      try {
        await closable.close();
        logger.info({ component: closable.name }, 'stopped');
      } catch (error) {
        logger.error({ err: error, component: closable.name }, 'failed to stop cleanly');
      }
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** Starts listening on 127.0.0.1 (or the host given) and returns a closable for the server. */
export async function listen(app: RequestListener, portNumber: number, host = '127.0.0.1') {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(portNumber, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : portNumber;
  const closable: Closable = {
    name: 'http',
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
  return { server, port: boundPort, closable };
}
