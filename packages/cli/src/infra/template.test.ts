// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} is the placeholder syntax under test.
import { InfraError } from './errors.ts';
import { parseProperties, renderTemplate } from './template.ts';

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate('a=${HOST}:${PORT}\nb=${HOST}', { HOST: '127.0.0.1', PORT: 9092 })).toBe(
      'a=127.0.0.1:9092\nb=127.0.0.1',
    );
  });

  it('refuses a placeholder without a value instead of rendering an empty string', () => {
    const attempt = () => renderTemplate('listeners=PLAINTEXT://${HOST}:${PORT}', { HOST: '127.0.0.1' });
    expect(attempt).toThrow(InfraError);
    expect(attempt).toThrow('PORT');
    try {
      attempt();
    } catch (error) {
      expect((error as InfraError).code).toBe('template_invalid');
    }
  });
});

describe('parseProperties', () => {
  it('skips comments and blank lines and keeps "=" inside values', () => {
    const properties = parseProperties('# comment\n\n! also\nkey = a=b\nother=1\n');
    expect([...properties]).toEqual([
      ['key', 'a=b'],
      ['other', '1'],
    ]);
  });
});
