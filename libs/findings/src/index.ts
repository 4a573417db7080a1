export { FINDINGS_ENTITIES } from './entities.js';
export { Finding } from './store/finding.entity.js';
export { TriageStatus } from './store/triage-status.js';
