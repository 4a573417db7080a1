import { jest } from '@jest/globals';

// An e2e file boots an API and often a worker, and closing a worker waits for its active jobs (a sweep, a
// pooling cycle): hooks and tests get 30 s instead of Jest's 5 s. Tests that expect more say so.
jest.setTimeout(30_000);
