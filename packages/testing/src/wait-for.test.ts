import { waitFor } from './wait-for.ts';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `done after ${calls}` : undefined), { intervalMs: 1 });
    expect(value).toBe('done after 3');
  });

  it('names the condition and the last error on timeout', async () => {
    const failing = waitFor(
      () => {
        throw new Error('broker says no');
      },
      { timeoutMs: 20, intervalMs: 5, description: 'the accepted event' },
    );
    await expect(failing).rejects.toThrow(/waiting for the accepted event \(last error: broker says no\)/);
  });
});
