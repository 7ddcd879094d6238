import { createHmac } from 'node:crypto';
import { signCallback, verifyCallback } from './signature.ts';

const body = '{"id":"evt_1","type":"payout.completed"}';
const options = { nowS: 1_700_000_000, toleranceS: 300 };

describe('callback signature', () => {
  it('is the lowercase hex HMAC-SHA256 of "{timestamp}.{raw body}"', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signCallback('whsec_test', 1_700_000_000, body)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs bytes and strings alike', () => {
    expect(signCallback('s', 1, Buffer.from(body))).toBe(signCallback('s', 1, body));
  });

  it('verifies a fresh, untouched callback', () => {
    const signature = signCallback('whsec_test', options.nowS, body);
    expect(verifyCallback('whsec_test', { signature, timestamp: String(options.nowS) }, body, options)).toBe('ok');
  });

  it('refuses a changed body, another secret, or a timestamp moved after signing', () => {
    const signature = signCallback('whsec_test', options.nowS, body);
    const timestamp = String(options.nowS);
    expect(verifyCallback('whsec_test', { signature, timestamp }, `${body} `, options)).toBe('mismatch');
    expect(verifyCallback('whsec_other', { signature, timestamp }, body, options)).toBe('mismatch');
    expect(verifyCallback('whsec_test', { signature, timestamp: String(options.nowS - 1) }, body, options)).toBe(
      'mismatch',
    );
  });

  it('refuses stale timestamps and malformed headers before computing anything', () => {
    const old = options.nowS - 301;
    const signature = signCallback('whsec_test', old, body);
    expect(verifyCallback('whsec_test', { signature, timestamp: String(old) }, body, options)).toBe('stale');
    expect(verifyCallback('whsec_test', { signature: undefined, timestamp: '1' }, body, options)).toBe('malformed');
    expect(verifyCallback('whsec_test', { signature: 'ABC', timestamp: '1' }, body, options)).toBe('malformed');
    expect(verifyCallback('whsec_test', { signature, timestamp: '1.5' }, body, options)).toBe('malformed');
  });
});
