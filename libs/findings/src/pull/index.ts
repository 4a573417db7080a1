/** The pull's public face, for `libs/findings/src/index.ts` to re-export. */
export { FindingPoller } from './finding-poller.js';
export { FindingsPullModule } from './findings-pull.module.js';
export { type PollJobData, PollScheduler, pollJobData, pollJobId } from './poll-scheduler.js';
export type { PollSummary, PollTarget } from './poll-target.js';
export { INTERNAL_POLL_FAILURE } from './poll-failure-reason.js';
export { DEFAULT_FIRST_POLL_LOOKBACK_MS, DEFAULT_OVERLAP_MS, PullSettings } from './pull-settings.js';
