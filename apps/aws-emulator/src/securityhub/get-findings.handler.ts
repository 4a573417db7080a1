import type { CallContext } from '../aws/service-definition.js';
import { inputObject } from '../aws/input-object.js';
import { FindingStore } from '../state/finding-store.js';
import type { AsffFinding } from './asff.types.js';
import { compileFindingFilters } from './finding-filters.js';
import { compileFindingSort } from './finding-sort.js';
import { invalidInput } from './invalid-input.js';

export interface GetFindingsResponse {
  Findings: AsffFinding[];
  NextToken?: string;
}

const DEFAULT_MAX_RESULTS = 100;

/**
 * `POST /findings`. Only the caller's own account and signing region are searched. The first call
 * filters and sorts; NextToken then walks that frozen result (see SnapshotPager), ignoring the
 * Filters and SortCriteria sent with it as AWS requires them to be unchanged.
 */
export function getFindings(context: CallContext<unknown>): GetFindingsResponse {
  const input = inputObject(context.input, invalidInput);
  const maxResults = parseMaxResults(input.MaxResults);
  const { emulator, accountId, region } = context;
  const store = emulator.state.findings;
  const owner = `${accountId}/${region}`;
  const now = emulator.now();

  const token = input.NextToken;
  let page;
  if (token !== undefined && token !== null && token !== '') {
    if (typeof token !== 'string') throw invalidInput('NextToken must be a string');
    const next = emulator.findingPager.next(owner, token, maxResults, now);
    if (next === 'invalid') throw invalidInput('The NextToken provided is invalid.');
    if (next === 'expired') throw invalidInput('The NextToken provided has expired.');
    page = next;
  } else {
    const matches = compileFindingFilters(input.Filters, now);
    const order = compileFindingSort(input.SortCriteria);
    const keys = store
      .list(accountId, region)
      .map((stored) => stored.finding)
      .filter(matches)
      .sort(order)
      .map((finding) => FindingStore.key(finding.ProductArn, finding.Id));
    page = emulator.findingPager.start(owner, keys, maxResults, now);
  }
  return {
    Findings: page.keys.flatMap((key) => store.get(accountId, region, key)?.finding ?? []),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

function parseMaxResults(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MAX_RESULTS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw invalidInput(`MaxResults must be an integer from 1 to 100, got ${JSON.stringify(value)}`);
  }
  return value;
}
