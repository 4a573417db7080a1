/**
 * The settings the dev runtime reads from its own environment, and the environment it hands to every
 * child. Pure functions: main.ts does the I/O, these decide.
 */

export interface DevPorts {
  api: number;
  awsEmulator: number;
  /** Port of the embedded PostgreSQL (only used when DATABASE_URL is unset). */
  postgres: number;
}

export const DEFAULT_PORTS: DevPorts = { api: 3000, awsEmulator: 4566, postgres: 54329 };

export function readDevPorts(env: NodeJS.ProcessEnv): DevPorts {
  return {
    api: port(env, 'API_PORT', DEFAULT_PORTS.api),
    awsEmulator: port(env, 'AWS_EMULATOR_PORT', DEFAULT_PORTS.awsEmulator),
    postgres: port(env, 'DEV_POSTGRES_PORT', DEFAULT_PORTS.postgres),
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  // 0 ("any port") would make the URLs we print and poll meaningless, so it is refused here.
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port between 1 and 65535, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * With the local emulator, Sieve acts as the emulator seed's platform user (apps/aws-emulator/seed/demo.json).
 * These are the emulator's fixed demo keys, not secrets; they are never used against AWS itself.
 */
export const EMULATOR_PLATFORM_IDENTITY = {
  AWS_ACCESS_KEY_ID: 'AKIASIEVEPLATFORM001',
  AWS_SECRET_ACCESS_KEY: 'sieveEmulatorPlatformSecretAccessKey0000',
  AWS_REGION: 'us-east-1',
  AWS_PLATFORM_PRINCIPAL_ARN: 'arn:aws:iam::111122223333:user/sieve-platform',
} as const;

export interface ChildEnvInputs {
  databaseUrl: string;
  databaseAppPassword: string;
  redisUrl: string;
  jwtSecret: string;
  ports: DevPorts;
}

/**
 * Everything in the runtime's environment plus what the system needs to run. Values the user set
 * explicitly for AWS_ENDPOINT_URL and NODE_ENV are kept; the others are what the runtime resolved
 * (which already honours the user's DATABASE_URL, REDIS_URL, JWT_SECRET, … when set).
 */
export function buildChildEnv(base: NodeJS.ProcessEnv, inputs: ChildEnvInputs): NodeJS.ProcessEnv {
  return {
    ...(base.AWS_ENDPOINT_URL ? {} : EMULATOR_PLATFORM_IDENTITY),
    ...base,
    NODE_ENV: base.NODE_ENV || 'development',
    // Webhook receivers on this machine (http://127.0.0.1:…) are what a developer tries first.
    WEBHOOK_ALLOW_INSECURE_TARGETS: base.WEBHOOK_ALLOW_INSECURE_TARGETS || 'true',
    DATABASE_URL: inputs.databaseUrl,
    DATABASE_APP_PASSWORD: inputs.databaseAppPassword,
    REDIS_URL: inputs.redisUrl,
    JWT_SECRET: inputs.jwtSecret,
    API_PORT: String(inputs.ports.api),
    AWS_EMULATOR_PORT: String(inputs.ports.awsEmulator),
    AWS_ENDPOINT_URL: base.AWS_ENDPOINT_URL || `http://127.0.0.1:${inputs.ports.awsEmulator}`,
  };
}
