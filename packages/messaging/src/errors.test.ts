import { classify, errorMessage, NonRetryableError } from './errors.ts';

const pgError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('classify', () => {
  it('dead-letters what can never succeed', () => {
    expect(classify(new NonRetryableError('beneficiary_unknown', 'no such beneficiary'))).toBe('non_retryable');
    expect(classify(pgError('23505'))).toBe('non_retryable'); // unique violation
    expect(classify(pgError('22P02'))).toBe('non_retryable'); // invalid text representation
  });

  it('retries transient database faults and anything unknown', () => {
    expect(classify(pgError('40001'))).toBe('retryable'); // serialization failure
    expect(classify(pgError('40P01'))).toBe('retryable'); // deadlock
    expect(classify(pgError('08006'))).toBe('retryable'); // connection failure
    expect(classify(new Error('socket hang up'))).toBe('retryable');
    expect(classify('a string')).toBe('retryable');
  });

  it('keeps the stable code in the dead-letter reason', () => {
    expect(errorMessage(new NonRetryableError('limit_exceeded', 'over the daily limit'))).toBe(
      'limit_exceeded: over the daily limit',
    );
  });
});
