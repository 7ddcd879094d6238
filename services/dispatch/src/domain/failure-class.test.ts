import { classifyPoll, classifySubmit, isProviderFault, type TransportOutcome } from './failure-class.ts';

const response = (httpStatus: number, errorCode: string | null = null): TransportOutcome => ({
  kind: 'response',
  httpStatus,
  errorCode,
});

describe('classifySubmit', () => {
  test.each([
    [200, 'none'],
    [201, 'none'],
    [400, 'permanent'],
    [404, 'permanent'],
    [402, 'funding'],
    [401, 'auth'],
    [403, 'auth'],
    [409, 'unknown'],
    [422, 'unknown'],
    [429, 'retryable'],
    [500, 'unknown'],
    [502, 'unknown'],
    [503, 'unknown'],
    [504, 'unknown'],
  ] as const)('HTTP %i is %s', (status, expected) => {
    expect(classifySubmit(response(status))).toBe(expected);
  });

  test('an insufficient_funds code is funding whatever the status', () => {
    expect(classifySubmit(response(400, 'insufficient_funds'))).toBe('funding');
  });

  test('a timeout or a connection lost mid-call is unknown: the request may have been acted on', () => {
    expect(classifySubmit({ kind: 'timeout' })).toBe('unknown');
    expect(classifySubmit({ kind: 'connection_lost' })).toBe('unknown');
  });

  test('a call that provably never left is retryable', () => {
    expect(classifySubmit({ kind: 'not_connected' })).toBe('retryable');
    expect(classifySubmit({ kind: 'not_sent' })).toBe('retryable');
  });
});

describe('classifyPoll', () => {
  test('a 404 is an answer, not a failure', () => {
    expect(classifyPoll(response(404))).toBe('none');
    expect(classifyPoll(response(200))).toBe('none');
  });

  test('auth, throttling, server errors and transport failures', () => {
    expect(classifyPoll(response(403))).toBe('auth');
    expect(classifyPoll(response(429))).toBe('retryable');
    expect(classifyPoll(response(400))).toBe('permanent');
    expect(classifyPoll(response(503))).toBe('unknown');
    expect(classifyPoll({ kind: 'timeout' })).toBe('unknown');
    expect(classifyPoll({ kind: 'not_sent' })).toBe('retryable');
  });
});

describe('isProviderFault (what counts against the circuit breaker)', () => {
  test('timeouts, 5xx and connection failures count', () => {
    for (const outcome of [response(500), response(503), { kind: 'timeout' }, { kind: 'not_connected' }] as const) {
      expect(isProviderFault(outcome)).toBe(true);
    }
    expect(isProviderFault({ kind: 'connection_lost' })).toBe(true);
  });

  test('4xx answers are the provider working as designed and do not count; local refusals do not either', () => {
    for (const status of [200, 400, 402, 403, 409, 422, 429]) expect(isProviderFault(response(status))).toBe(false);
    expect(isProviderFault({ kind: 'not_sent' })).toBe(false);
  });
});
