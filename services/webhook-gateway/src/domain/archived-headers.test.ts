import { archivedHeaders } from './archived-headers.ts';

describe('archivedHeaders', () => {
  it('redacts credentials (always, and those the scheme names) but keeps the signature as evidence', () => {
    const kept = archivedHeaders(
      {
        Authorization: 'Bearer secret',
        'x-webhook-token': 'shared-secret',
        'x-pay-signature': 'ab'.repeat(32),
        'set-cookie': ['a=1', 'b=2'],
        'content-type': 'application/json',
      },
      ['x-webhook-token'],
    );
    expect(kept).toEqual({
      authorization: '[redacted]',
      'x-webhook-token': '[redacted]',
      'x-pay-signature': 'ab'.repeat(32),
      'set-cookie': '[redacted]',
      'content-type': 'application/json',
    });
    expect(JSON.stringify(kept)).not.toContain('secret');
  });

  it('bounds the number and length of archived headers', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-h-${i}`, 'v'.repeat(5000)]));
    const kept = archivedHeaders(many, []);
    expect(Object.keys(kept)).toHaveLength(64);
    expect(kept['x-h-0']).toHaveLength(1024);
  });
});
