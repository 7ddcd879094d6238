/**
 * Awaits `wait`; when it fails (a `waitFor` timeout), adds what the system last showed to the message, read at
 * failure time, so a rare failing run can be diagnosed from the test output alone.
 */
export async function explained<T>(wait: Promise<T>, lastSeen: () => unknown): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(lastSeen(), bigintsAsText)}`);
  }
}

const bigintsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
