import { transportFailure } from './sandbox.client.ts';

describe('transportFailure', () => {
  test('a timeout is a timeout', () => {
    expect(transportFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toEqual({
      kind: 'timeout',
    });
  });

  test('a refused or unresolvable connection never reached the provider', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(transportFailure(new TypeError('fetch failed', { cause: { code } }))).toEqual({ kind: 'not_connected' });
    }
  });

  test('anything else may have been written: connection lost (unknown for a create)', () => {
    expect(transportFailure(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toEqual({
      kind: 'connection_lost',
    });
    expect(transportFailure(new Error('socket hang up'))).toEqual({ kind: 'connection_lost' });
  });
});
