import { validateBeneficiary } from './beneficiary.ts';

describe('validateBeneficiary', () => {
  it('accepts an individual with optional email and reference', () => {
    expect(
      validateBeneficiary({
        type: 'individual',
        name: 'Ana Cruz',
        country: 'PH',
        email: 'ana@example.com',
        reference: 'u-1',
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'individual', name: 'Ana Cruz', country: 'PH', email: 'ana@example.com', reference: 'u-1' },
    });
  });

  it('reports every issue with its field', () => {
    const result = validateBeneficiary({ type: 'robot', country: 'ph', email: 'nope', id: 'x' });
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'id:server_owned_field',
      'type:invalid_enum',
      'name:required',
      'country:country_invalid',
      'email:email_invalid',
    ]);
  });
});
