import { ConfigValidationError, loadConfig } from './load-config.js';

const valid = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/sieve', JWT_SECRET: 'x'.repeat(32) };

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.API_PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every missing or malformed variable', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL: is required');
    expect(message).toContain('API_PORT');
    expect(message).toContain('JWT_SECRET: must be at least 32 characters');
  });

  it('accepts an external JWKS issuer instead of a shared secret', () => {
    const { JWT_SECRET: _omit, ...rest } = valid;
    expect(() => loadConfig(rest)).toThrow(/JWT_SECRET: is required unless AUTH_JWKS_URI/);
    expect(loadConfig({ ...rest, AUTH_JWKS_URI: 'https://idp.example/jwks.json' }).AUTH_JWKS_URI).toBe(
      'https://idp.example/jwks.json',
    );
  });

  it('requires the platform principal to be set in production', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(
      /AWS_PLATFORM_PRINCIPAL_ARN: must be set in production/,
    );
    const arn = 'arn:aws:iam::444455556666:role/sieve-platform';
    expect(
      loadConfig({ ...valid, NODE_ENV: 'production', AWS_PLATFORM_PRINCIPAL_ARN: arn })
        .AWS_PLATFORM_PRINCIPAL_ARN,
    ).toBe(arn);
  });
});
