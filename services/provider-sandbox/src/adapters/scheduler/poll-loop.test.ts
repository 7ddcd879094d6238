import { createLogger } from '@sluice/service-kit';
import { waitFor } from '@sluice/testing';
import { startPollLoop } from './poll-loop.ts';

const logger = createLogger('poll-loop-test', 'silent');

describe('startPollLoop', () => {
  it('keeps ticking after a failed tick', async () => {
    let calls = 0;
    const loop = startPollLoop(
      'test',
      5,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return 0;
      },
      logger,
    );
    await waitFor(() => calls >= 3, { description: 'ticks after the failure' });
    await loop.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('never runs two ticks at once, and stop() waits for the running tick', async () => {
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loop = startPollLoop(
      'test',
      1,
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await gate;
        active -= 1;
        finished += 1;
        return 1;
      },
      logger,
    );
    await waitFor(() => active === 1);
    const stopped = loop.stop();
    release();
    await stopped;
    expect(maxActive).toBe(1);
    expect(active).toBe(0);
    const after = finished;
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(after);
  });
});
