import { jest } from '@jest/globals';

// Integration and e2e files run against real PostgreSQL and Redis; many boot an API or a whole worker
// module, and closing a worker waits for its active jobs (a sweep, a pooling cycle). Hooks and tests get
// 30 s instead of Jest's 5 s, so that a busy machine is not mistaken for a failure. Tests that expect more
// say so.
jest.setTimeout(30_000);
