import { type FindingLabel, isHostile } from '../scenario/labels.js';
import { graphql } from './graphql-client.js';
import { type SieveCase, queuePage } from './readback.js';

export interface AnalystTally {
  truePositive: number;
  benign: number;
  /** Benign findings split out of a true-positive case into a case of their own (resolved benign). */
  splitOut: number;
  /** The cases the analyst opened for them. */
  splitCases: string[];
}

/** Looks up the truth of a finding by Sieve id; `refresh` reads newly stored findings when one is unknown. */
export interface Truth {
  labelOf(sieveId: string): FindingLabel | undefined;
  refresh(): Promise<void>;
}

/** The disposition an analyst who knows the truth gives: hostile if any linked finding is. */
export function dispositionFor(labels: readonly FindingLabel[]): {
  disposition: string;
  learn: boolean;
  summary: string;
} {
  return labels.some(isHostile)
    ? {
        disposition: 'TRUE_POSITIVE',
        learn: false,
        summary: 'Confirmed hostile activity; escalated to the customer.',
      }
    : { disposition: 'BENIGN_EXPECTED', learn: true, summary: 'Expected behaviour of this environment.' };
}

/**
 * The findings a case resolved TRUE_POSITIVE should not take with it: the benign ones that grouping or
 * retro-correlation attached as context (a scanner's probe of the web server that later mined, the deploy
 * role's ordinary calls beside its stolen session). An analyst who confirms the attack splits them into a
 * case of their own first, as a real one would: a TRUE_POSITIVE marks every finding of its case, which
 * retires the patterns that suppressed them and makes backtests refuse any pattern covering them.
 */
export function unrelatedToIncident(
  findingIds: readonly string[],
  labels: readonly FindingLabel[],
): string[] {
  if (!labels.some(isHostile)) return [];
  return findingIds.filter((_, i) => !isHostile(labels[i]));
}

async function labelsOf(kase: SieveCase, truth: Truth): Promise<FindingLabel[]> {
  if (kase.findingIds.some((id) => truth.labelOf(id) === undefined)) await truth.refresh();
  return kase.findingIds.map((id) => {
    const label = truth.labelOf(id);
    if (!label) throw new Error(`case ${kase.key} holds finding ${id}, which the simulator never sent`);
    return label;
  });
}

const SPLIT = `mutation($input: CreateCaseInput!) { createCase(input: $input) { id key } }`;

const RESOLVE = `mutation($id: ID!, $disposition: CaseDisposition!, $summary: String!, $learn: Boolean!) {
  resolveCase(id: $id, disposition: $disposition, summary: $summary, learn: $learn) { id status }
}`;

/**
 * Works the MSSP analyst's queue until it is empty: each open case is resolved TRUE_POSITIVE when any linked
 * finding is an attack, hard negative or precursor, else BENIGN_EXPECTED with `learn: true`. The benign
 * findings of a true-positive case are first split into a case of their own (`createCase` with them, which
 * takes them out of it), resolved BENIGN_EXPECTED with `learn: true`.
 */
export async function workQueue(apiUrl: string, analystToken: string, truth: Truth): Promise<AnalystTally> {
  const tally: AnalystTally = { truePositive: 0, benign: 0, splitOut: 0, splitCases: [] };
  const done = new Set<string>();
  for (;;) {
    const page = await queuePage(apiUrl, analystToken);
    if (page.length === 0) return tally;
    // A page's cases are resolved concurrently, as a team of analysts would.
    await Promise.all(
      page.map(async (kase) => {
        if (done.has(kase.id)) throw new Error(`case ${kase.key} is still open after it was resolved`);
        done.add(kase.id);
        const labels = await labelsOf(kase, truth);
        const unrelated = unrelatedToIncident(kase.findingIds, labels);
        if (unrelated.length > 0) {
          const { createCase } = await graphql<{ createCase: { id: string; key: string } }>(
            apiUrl,
            analystToken,
            SPLIT,
            {
              input: {
                tenantId: kase.tenantId,
                title: `Expected activity attached to ${kase.key}`,
                findingIds: unrelated,
              },
            },
          );
          done.add(createCase.id);
          await graphql(apiUrl, analystToken, RESOLVE, {
            id: createCase.id,
            // Only benign findings in it: expected behaviour, learnt.
            ...dispositionFor([]),
          });
          tally.splitOut += unrelated.length;
          tally.splitCases.push(createCase.id);
        }
        const decision = dispositionFor(labels);
        await graphql(apiUrl, analystToken, RESOLVE, { id: kase.id, ...decision });
        if (decision.disposition === 'TRUE_POSITIVE') tally.truePositive++;
        else tally.benign++;
      }),
    );
  }
}
