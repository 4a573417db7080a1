import {
  type PatternDefinition,
  PatternValidationError,
  parsePatternDefinition,
} from '../../patterns/pattern-schema.js';
import type { Fingerprint } from '../../patterns/predicate.js';
import { generalisePredicates, isAnchored } from './generalise-predicates.js';
import type { LearningDisposition, LearningFinding } from './learning-finding.js';
import { supportOf } from './support-summary.js';

/** What the analyst concluded about a case: what a learnt pattern is named and described after. */
export interface CaseLesson {
  caseKey: string;
  summary: string;
  disposition: LearningDisposition;
}

/** Per finding type of the case: a pattern definition to propose, or why nothing is learnt. */
export type Generalisation =
  | { kind: 'PATTERN'; findingType: string; findingIds: string[]; definition: PatternDefinition }
  | { kind: 'NOT_LEARNT'; findingType: string; findingIds: string[]; reason: string };

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * How sure a learnt pattern is: more findings showing the same behaviour, more confidence; never 1, which
 * is what a pattern written by hand says.
 */
export function learntConfidence(findings: number): number {
  return Math.round(Math.min(0.9, 0.5 + 0.1 * findings) * 100) / 100;
}

function generaliseType(
  lesson: CaseLesson,
  findingType: string,
  findings: readonly LearningFinding[],
): Generalisation {
  const findingIds = findings.map((f) => f.id);
  const fingerprints = findings.map((f) => f.fingerprint).filter((fp): fp is Fingerprint => fp !== null);
  if (fingerprints.length === 0) {
    return { kind: 'NOT_LEARNT', findingType, findingIds, reason: 'none of its findings was judged yet' };
  }
  const predicates = generalisePredicates(fingerprints);
  if (!isAnchored(predicates)) {
    return {
      kind: 'NOT_LEARNT',
      findingType,
      findingIds,
      reason:
        'its findings share no actor, action, counterpart or target: a pattern would cover every finding of the type',
    };
  }
  const summary = lesson.summary.replace(/\s+/g, ' ').trim();
  const count = fingerprints.length;
  try {
    const definition = parsePatternDefinition({
      name: clip(`Learnt from ${lesson.caseKey}: ${summary}`, MAX_NAME),
      description: clip(
        `${summary} (${lesson.disposition} in ${lesson.caseKey}, generalised from ${count} finding${count === 1 ? '' : 's'})`,
        MAX_DESCRIPTION,
      ),
      findingType,
      predicates,
      allowCritical: false,
      confidence: learntConfidence(count),
      support: supportOf(fingerprints),
    });
    return { kind: 'PATTERN', findingType, findingIds, definition };
  } catch (error) {
    if (!(error instanceof PatternValidationError)) throw error;
    return { kind: 'NOT_LEARNT', findingType, findingIds, reason: error.message };
  }
}

/**
 * The patterns a benign resolution teaches: one per finding type of the case (a case may hold several),
 * each generalised from that type's findings only. Types in alphabetical order.
 */
export function generaliseCase(lesson: CaseLesson, findings: readonly LearningFinding[]): Generalisation[] {
  const byType = new Map<string, LearningFinding[]>();
  for (const finding of findings) {
    const list = byType.get(finding.findingType) ?? [];
    list.push(finding);
    byType.set(finding.findingType, list);
  }
  return [...byType.keys()].sort().map((type) => generaliseType(lesson, type, byType.get(type)!));
}
