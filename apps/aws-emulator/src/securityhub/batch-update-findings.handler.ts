import type { CallContext } from '../aws/service-definition.js';
import { inputObject } from '../aws/input-object.js';
import { FindingStore } from '../state/finding-store.js';
import { applyFindingUpdate, parseFindingUpdate } from './finding-update.js';
import { invalidInput } from './invalid-input.js';

export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

export interface BatchUpdateFindingsResponse {
  ProcessedFindings: FindingIdentifier[];
  UnprocessedFindings: { FindingIdentifier: FindingIdentifier; ErrorCode: string; ErrorMessage: string }[];
}

/**
 * `PATCH /findings/batchupdate`. A finding outside the caller's account and region is reported as
 * `FindingNotFound`, exactly like a finding that does not exist: AWS does not reveal other
 * accounts' findings, not even their existence.
 */
export function batchUpdateFindings(context: CallContext<unknown>): BatchUpdateFindingsResponse {
  const input = inputObject(context.input, invalidInput);
  const identifiers = parseIdentifiers(input.FindingIdentifiers);
  const update = parseFindingUpdate(input);
  const { emulator, accountId, region } = context;
  const now = new Date(emulator.now());
  const response: BatchUpdateFindingsResponse = { ProcessedFindings: [], UnprocessedFindings: [] };
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    const key = FindingStore.key(identifier.ProductArn, identifier.Id);
    if (seen.has(key)) {
      response.UnprocessedFindings.push({
        FindingIdentifier: identifier,
        ErrorCode: 'DuplicatedFindingIdentifier',
        ErrorMessage: 'Finding identifier is listed more than once in the request',
      });
      continue;
    }
    seen.add(key);
    const stored = emulator.state.findings.get(accountId, region, key);
    if (!stored) {
      response.UnprocessedFindings.push({
        FindingIdentifier: identifier,
        ErrorCode: 'FindingNotFound',
        ErrorMessage: 'Finding Not Found',
      });
      continue;
    }
    emulator.state.findings.put(accountId, region, {
      finding: applyFindingUpdate(stored.finding, update, now),
      customerUpdated: true,
    });
    response.ProcessedFindings.push(identifier);
  }
  return response;
}

function parseIdentifiers(value: unknown): FindingIdentifier[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 100) {
    throw invalidInput('FindingIdentifiers must list 1 to 100 findings');
  }
  return value.map((item: { Id?: unknown; ProductArn?: unknown }) => {
    if (typeof item?.Id !== 'string' || typeof item.ProductArn !== 'string' || !item.Id || !item.ProductArn) {
      throw invalidInput('Each FindingIdentifier needs Id and ProductArn');
    }
    return { Id: item.Id, ProductArn: item.ProductArn };
  });
}
