import { setupTestEnvironment } from './test-environment.js';

/** Creates this run's own database and Redis prefix; see test-environment.ts. */
export default async function globalSetup(): Promise<void> {
  await setupTestEnvironment();
}
