import { type AppConfig, configSchema } from './config.schema.js';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Validates the environment; the error lists every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = issue.code === 'invalid_type' && env[name] === undefined ? 'is required' : issue.message;
    return `${name}: ${value}`;
  });
  throw new ConfigValidationError(problems);
}
