import { teardownTestEnvironment } from './test-environment.js';

export default async function globalTeardown(): Promise<void> {
  await teardownTestEnvironment();
}
