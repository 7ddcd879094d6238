import { InfraError } from './errors.ts';

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * Fills every `${NAME}` in a config template. A placeholder without a value is an error rather than an empty
 * string: a broker started with `listeners=PLAINTEXT://:` fails far from the cause.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  const missing = new Set<string>();
  const rendered = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return String(value);
  });
  if (missing.size > 0) {
    throw new InfraError('template_invalid', `template placeholders without a value: ${[...missing].join(', ')}`);
  }
  return rendered;
}

/** Parses `key=value` lines of a Java properties file (no continuations or escapes: our templates use none). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    properties.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  return properties;
}
