import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig, port } from './config.ts';

describe('loadConfig', () => {
  const schema = baseConfigSchema.extend({ HTTP_PORT: port(7001), API_SECRET: z.string().min(16) });

  it('parses env once into a frozen object with defaults', () => {
    const config = loadConfig(schema, { API_SECRET: 'x'.repeat(16), KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094' });
    expect(config.HTTP_PORT).toBe(7001);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad or missing variable', () => {
    expect.assertions(3);
    try {
      loadConfig(schema, { HTTP_PORT: '99999' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('HTTP_PORT');
      expect((error as ConfigError).message).toContain('API_SECRET');
    }
  });

  it('takes an empty topic namespace (production names) by default and refuses a malformed one by name', () => {
    expect(loadConfig(schema, { API_SECRET: 'x'.repeat(16) }).KAFKA_TOPIC_NAMESPACE).toBe('');
    expect(
      loadConfig(schema, { API_SECRET: 'x'.repeat(16), KAFKA_TOPIC_NAMESPACE: 'bench-7f' }).KAFKA_TOPIC_NAMESPACE,
    ).toBe('bench-7f');
    for (const bad of ['Test', 'a.b', '-t', 'a_b', 'x'.repeat(32)]) {
      expect(() => loadConfig(schema, { API_SECRET: 'x'.repeat(16), KAFKA_TOPIC_NAMESPACE: bad })).toThrow(
        /KAFKA_TOPIC_NAMESPACE/,
      );
    }
  });
});
