import { InFlight } from './in-flight.ts';

describe('InFlight', () => {
  it('resolves idle at once when nothing runs, and after the last tracked work otherwise', async () => {
    const inFlight = new InFlight();
    await inFlight.idle(1_000);
    let release!: () => void;
    const work = inFlight.track(new Promise<string>((resolve) => (release = () => resolve('done'))));
    let idle = false;
    const waiting = inFlight.idle(60_000).then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    expect(await work).toBe('done');
    await waiting;
    expect(idle).toBe(true);
  });

  it('stops waiting at the timeout and still counts failed work as finished', async () => {
    const inFlight = new InFlight();
    const never = inFlight.track(new Promise<never>(() => undefined));
    await inFlight.idle(5);
    void never;
    const failing = new InFlight();
    await expect(failing.track(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await failing.idle(60_000);
  });
});
