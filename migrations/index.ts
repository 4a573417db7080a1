import { Foundation1733300000000 } from './1733300000000-foundation.js';
import { AwsAccounts1733400000000 } from './1733400000000-aws-accounts.js';
import { Findings1733500000000 } from './1733500000000-findings.js';
import { PollCursors1733600000000 } from './1733600000000-poll-cursors.js';
import { FindingVerdicts1733700000000 } from './1733700000000-finding-verdicts.js';
import { KnownGoodPatterns1733800000000 } from './1733800000000-known-good-patterns.js';
import { WritebackOutbox1733900000000 } from './1733900000000-writeback-outbox.js';
import { TriageDueIndex1733950000000 } from './1733950000000-triage-due-index.js';
import { Cases1734000000000 } from './1734000000000-cases.js';
import { Sla1734100000000 } from './1734100000000-sla.js';
import { Webhooks1734200000000 } from './1734200000000-webhooks.js';
import { PatternLanguage1734300000000 } from './1734300000000-pattern-language.js';
import { Learning1734400000000 } from './1734400000000-learning.js';
import { Pooling1734500000000 } from './1734500000000-pooling.js';
import { FindingKeys1734800000000 } from './1734800000000-finding-keys.js';
import { FindingsLz41734810000000 } from './1734810000000-findings-lz4.js';
import { RlsInitPlans1734820000000 } from './1734820000000-rls-init-plans.js';
import { WritebackLease1734830000000 } from './1734830000000-writeback-lease.js';
import { WritebackOutboxFillfactor1734840000000 } from './1734840000000-writeback-outbox-fillfactor.js';
import { PrincipalEpoch1734600000000 } from './1734600000000-principal-epoch.js';

/** Every migration, in order. Listed explicitly so the same list works from dist/, the CLI and tests. */
export const MIGRATIONS = [
  Foundation1733300000000,
  AwsAccounts1733400000000,
  Findings1733500000000,
  PollCursors1733600000000,
  FindingVerdicts1733700000000,
  KnownGoodPatterns1733800000000,
  WritebackOutbox1733900000000,
  TriageDueIndex1733950000000,
  Cases1734000000000,
  Sla1734100000000,
  Webhooks1734200000000,
  PatternLanguage1734300000000,
  Learning1734400000000,
  Pooling1734500000000,
  PrincipalEpoch1734600000000,
  FindingKeys1734800000000,
  FindingsLz41734810000000,
  RlsInitPlans1734820000000,
  WritebackLease1734830000000,
  WritebackOutboxFillfactor1734840000000,
];
