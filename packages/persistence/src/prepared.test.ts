import { prepare } from './prepared.ts';

describe('prepare', () => {
  it('numbers the ? placeholders in order, keeps casts, and gives one text one name', () => {
    const first = prepare('select ?::int as a, ? as b from t where c = ?::uuid');
    expect(first.text).toBe('select $1::int as a, $2 as b from t where c = $3::uuid');
    expect(prepare('select ?::int as a, ? as b from t where c = ?::uuid')).toBe(first);
    const second = prepare('select ?');
    expect(second.text).toBe('select $1');
    expect(second.name).toBeDefined();
    expect(second.name).not.toBe(first.name);
  });
});
