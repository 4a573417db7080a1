import { Finding } from './store/finding.entity.js';

export const FINDINGS_ENTITIES = [Finding];
