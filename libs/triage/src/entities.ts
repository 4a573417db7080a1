import { WritebackEntry } from './writeback/writeback-entry.entity.js';

export const TRIAGE_ENTITIES = [WritebackEntry];
