import { type FindingLabel, isHostile } from '../scenario/labels.js';
import { graphql } from './graphql-client.js';
import { type SieveCase, queuePage } from './readback.js';

export interface AnalystTally {
  truePositive: number;
  benign: number;
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

async function labelsOf(kase: SieveCase, truth: Truth): Promise<FindingLabel[]> {
  if (kase.findingIds.some((id) => truth.labelOf(id) === undefined)) await truth.refresh();
  return kase.findingIds.map((id) => {
    const label = truth.labelOf(id);
    if (!label) throw new Error(`case ${kase.key} holds finding ${id}, which the simulator never sent`);
    return label;
  });
}

const RESOLVE = `mutation($id: ID!, $disposition: CaseDisposition!, $summary: String!, $learn: Boolean!) {
  resolveCase(id: $id, disposition: $disposition, summary: $summary, learn: $learn) { id status }
}`;

/**
 * Works the MSSP analyst's queue until it is empty: each open case is resolved TRUE_POSITIVE when any linked
 * finding is an attack, hard negative or precursor, else BENIGN_EXPECTED with `learn: true`.
 */
export async function workQueue(apiUrl: string, analystToken: string, truth: Truth): Promise<AnalystTally> {
  const tally: AnalystTally = { truePositive: 0, benign: 0 };
  const done = new Set<string>();
  for (;;) {
    const page = await queuePage(apiUrl, analystToken);
    if (page.length === 0) return tally;
    // A page's cases are resolved concurrently, as a team of analysts would.
    await Promise.all(
      page.map(async (kase) => {
        if (done.has(kase.id)) throw new Error(`case ${kase.key} is still open after it was resolved`);
        done.add(kase.id);
        const decision = dispositionFor(await labelsOf(kase, truth));
        await graphql(apiUrl, analystToken, RESOLVE, { id: kase.id, ...decision });
        if (decision.disposition === 'TRUE_POSITIVE') tally.truePositive++;
        else tally.benign++;
      }),
    );
  }
}
