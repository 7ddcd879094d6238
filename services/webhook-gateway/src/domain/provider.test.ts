import { parseProviders } from './provider.ts';

describe('parseProviders', () => {
  it('reads name:scheme pairs', () => {
    expect(parseProviders('sandbox:x-pay, acme:standard-webhooks,legacy:hmac-body')).toEqual([
      { name: 'sandbox', scheme: 'x-pay' },
      { name: 'acme', scheme: 'standard-webhooks' },
      { name: 'legacy', scheme: 'hmac-body' },
    ]);
  });

  it('names what is wrong', () => {
    expect(parseProviders('sandbox:md5')).toMatch(/scheme "md5"/);
    expect(parseProviders('Sandbox:x-pay')).toMatch(/provider name/);
    expect(parseProviders('a:x-pay,a:stripe')).toMatch(/listed twice/);
    expect(parseProviders(' , ')).toMatch(/at least one/);
  });
});
