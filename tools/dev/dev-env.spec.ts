import { buildChildEnv, DEFAULT_PORTS, EMULATOR_PLATFORM_IDENTITY, readDevPorts } from './dev-env.js';

describe('readDevPorts', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readDevPorts({})).toEqual({ api: 3000, awsEmulator: 4566, postgres: 54329 });
    expect(readDevPorts({ API_PORT: ' ' })).toEqual(DEFAULT_PORTS);
  });

  it('reads the overrides and rejects anything that is not a usable port', () => {
    expect(readDevPorts({ API_PORT: '8080', AWS_EMULATOR_PORT: '14566', DEV_POSTGRES_PORT: '5433' })).toEqual(
      {
        api: 8080,
        awsEmulator: 14566,
        postgres: 5433,
      },
    );
    expect(() => readDevPorts({ API_PORT: 'eighty' })).toThrow(/API_PORT .* "eighty"/);
    expect(() => readDevPorts({ DEV_POSTGRES_PORT: '0' })).toThrow(/DEV_POSTGRES_PORT/);
    expect(() => readDevPorts({ AWS_EMULATOR_PORT: '70000' })).toThrow(/AWS_EMULATOR_PORT/);
  });
});

describe('buildChildEnv', () => {
  const inputs = {
    databaseUrl: 'postgres://postgres:pw@127.0.0.1:54329/sieve',
    databaseAppPassword: 'app-pw',
    redisUrl: 'redis://127.0.0.1:6379',
    jwtSecret: 'j'.repeat(64),
    ports: { api: 3001, awsEmulator: 4567, postgres: 54329 },
  };

  it('passes the whole environment through and adds what the system needs', () => {
    const env = buildChildEnv({ PATH: '/usr/bin', LOG_LEVEL: 'debug' }, inputs);
    expect(env).toEqual({
      PATH: '/usr/bin',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
      DATABASE_URL: inputs.databaseUrl,
      DATABASE_APP_PASSWORD: 'app-pw',
      REDIS_URL: inputs.redisUrl,
      JWT_SECRET: inputs.jwtSecret,
      API_PORT: '3001',
      AWS_EMULATOR_PORT: '4567',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4567',
      ...EMULATOR_PLATFORM_IDENTITY,
    });
  });

  it('lets webhooks reach receivers on this machine unless the user says otherwise', () => {
    expect(
      buildChildEnv({ WEBHOOK_ALLOW_INSECURE_TARGETS: 'false' }, inputs).WEBHOOK_ALLOW_INSECURE_TARGETS,
    ).toBe('false');
  });

  it("acts as the emulator's platform user unless the user points Sieve at another AWS", () => {
    expect(buildChildEnv({ AWS_ACCESS_KEY_ID: 'AKIAMINE' }, inputs).AWS_ACCESS_KEY_ID).toBe('AKIAMINE');
    const elsewhere = buildChildEnv({ AWS_ENDPOINT_URL: 'http://emulator:4566' }, inputs);
    expect(elsewhere.AWS_ACCESS_KEY_ID).toBeUndefined();
  });

  it("keeps the user's NODE_ENV and AWS_ENDPOINT_URL, but the resolved values win for the rest", () => {
    const env = buildChildEnv(
      { NODE_ENV: 'production', AWS_ENDPOINT_URL: 'http://emulator:4566', REDIS_URL: 'redis://stale:1' },
      inputs,
    );
    expect(env.NODE_ENV).toBe('production');
    expect(env.AWS_ENDPOINT_URL).toBe('http://emulator:4566');
    expect(env.REDIS_URL).toBe(inputs.redisUrl);
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
  });
});
