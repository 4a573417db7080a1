import type { CallContext } from '../aws/service-definition.js';
import { inputObject } from '../aws/input-object.js';
import type { AsffFinding } from './asff.types.js';
import { validateAsffFinding } from './asff-validation.js';
import { importFinding } from './finding-import.js';
import { invalidInput } from './invalid-input.js';

export interface FailedImport {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export interface BatchImportFindingsResponse {
  FailedCount: number;
  SuccessCount: number;
  FailedFindings: FailedImport[];
}

/** Security Hub refuses a single finding larger than 240 KB. */
const MAX_FINDING_BYTES = 240 * 1024;

/**
 * `POST /findings/import`. Each finding is judged on its own: a bad one lands in FailedFindings and
 * the rest are still imported (upsert by ProductArn and Id), as AWS does.
 */
export function batchImportFindings(context: CallContext<unknown>): BatchImportFindingsResponse {
  const { Findings } = inputObject(context.input, invalidInput);
  if (!Array.isArray(Findings) || Findings.length < 1 || Findings.length > 100) {
    throw invalidInput('Findings must list 1 to 100 findings');
  }
  const failed: FailedImport[] = [];
  const now = new Date(context.emulator.now());
  for (const candidate of Findings) {
    const failure = rejection(candidate, context);
    if (failure) {
      const id = (candidate as { Id?: unknown } | null)?.Id;
      failed.push({ Id: typeof id === 'string' ? id : '', ...failure });
      continue;
    }
    importFinding(
      context.emulator.state.findings,
      context.accountId,
      context.region,
      candidate as AsffFinding,
      now,
    );
  }
  return {
    FailedCount: failed.length,
    SuccessCount: Findings.length - failed.length,
    FailedFindings: failed,
  };
}

function rejection(
  candidate: unknown,
  { accountId, region }: CallContext<unknown>,
): Omit<FailedImport, 'Id'> | undefined {
  const problems = validateAsffFinding(candidate);
  if (problems.length > 0) return { ErrorCode: 'InvalidInput', ErrorMessage: problems.join('; ') };
  const finding = candidate as AsffFinding;
  if (Buffer.byteLength(JSON.stringify(finding)) > MAX_FINDING_BYTES) {
    return { ErrorCode: 'FindingSizeExceeded', ErrorMessage: 'Finding exceeds the 240 KB size limit' };
  }
  if (finding.AwsAccountId !== accountId) {
    return {
      ErrorCode: 'AccessDeniedException',
      ErrorMessage: `AwsAccountId ${finding.AwsAccountId} is not the caller's account ${accountId}`,
    };
  }
  const productRegion = finding.ProductArn.split(':')[3];
  if (productRegion !== region) {
    return {
      ErrorCode: 'InvalidInput',
      ErrorMessage: `ProductArn region ${productRegion} does not match the request region ${region}`,
    };
  }
  return undefined;
}
