import { PollCursor } from './pull/poll-cursor.entity.js';
import { Finding } from './store/finding.entity.js';

export const FINDINGS_ENTITIES = [Finding, PollCursor];
