import { Inject, Injectable } from '@nestjs/common';
import {
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
  type SortCriterion,
  type WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import { ErrorCode, SieveException } from '@sieve/core';
import type { AwsRegionTarget } from '../aws-target.js';
import { CredentialBroker } from '../broker/credential-broker.js';
import { RoleClients } from '../role-clients.js';
import {
  type BatchUpdateResult,
  DEFAULT_BATCH_OPTIONS,
  type FindingIdentifier,
  updateInBatches,
} from './update-in-batches.js';

/** Security Hub's largest page. */
export const MAX_PAGE_SIZE = 100;

export interface FindingsQuery {
  filters?: AwsSecurityFindingFilters;
  sortCriteria?: SortCriterion[];
  /** Findings per request, 1 to 100 (default 100). */
  pageSize?: number;
  /** Stop after this many findings in all. */
  maxResults?: number;
}

export interface FindingsPageQuery {
  filters?: AwsSecurityFindingFilters;
  sortCriteria?: SortCriterion[];
  /** 1 to 100 (default 100). */
  maxResults?: number;
  nextToken?: string;
}

export interface FindingsPage {
  findings: AwsSecurityFinding[];
  nextToken?: string;
}

export interface FindingsUpdate {
  identifiers: FindingIdentifier[];
  workflowStatus?: WorkflowStatus;
  note?: { text: string; updatedBy: string };
}

/**
 * Security Hub as a customer's role sees it in one region. Every request waits for the shared
 * Redis token bucket of its quota and runs through the broker's re-assume-once handling.
 */
@Injectable()
export class SecurityHubGateway {
  constructor(
    @Inject(RoleClients) private readonly clients: RoleClients,
    @Inject(CredentialBroker) private readonly broker: CredentialBroker,
  ) {}

  /**
   * Every finding matching the query, one page at a time, following NextToken. Security Hub walks a
   * result frozen at the first page, so each finding comes exactly once.
   */
  async *getFindings(
    target: AwsRegionTarget,
    query: FindingsQuery = {},
  ): AsyncIterable<AwsSecurityFinding[]> {
    const pageSize = checkPageSize(query.pageSize ?? MAX_PAGE_SIZE);
    let remaining = query.maxResults ?? Number.POSITIVE_INFINITY;
    let nextToken: string | undefined;
    do {
      const page = await this.getFindingsPage(target, {
        filters: query.filters,
        sortCriteria: query.sortCriteria,
        maxResults: Math.min(pageSize, remaining),
        nextToken,
      });
      const findings = page.findings.slice(0, remaining);
      remaining -= findings.length;
      // Security Hub may answer an empty page that still carries a NextToken.
      if (findings.length > 0) yield findings;
      nextToken = page.nextToken;
    } while (nextToken && remaining > 0);
  }

  /** One GetFindings request, e.g. `maxResults: 1` to probe that the role can read findings. */
  async getFindingsPage(target: AwsRegionTarget, query: FindingsPageQuery = {}): Promise<FindingsPage> {
    const client = this.clients.get(SecurityHubClient, target);
    const input = {
      Filters: query.filters,
      SortCriteria: query.sortCriteria,
      MaxResults: checkPageSize(query.maxResults ?? MAX_PAGE_SIZE),
      NextToken: query.nextToken,
    };
    // A new command per attempt: a command object is not meant to be sent twice.
    const answer = await this.broker.withRoleCredentials(target, 'securityhub:GetFindings', () =>
      client.send(new GetFindingsCommand(input)),
    );
    return { findings: answer.Findings ?? [], ...(answer.NextToken ? { nextToken: answer.NextToken } : {}) };
  }

  /**
   * Sets workflow status and/or a note on findings, 100 per request. Findings Security Hub could not
   * update come back in `unprocessed` with its code; retryable codes were already re-sent a few times.
   * Updates are idempotent, so after an exception the whole call may simply be repeated.
   */
  async batchUpdateFindings(target: AwsRegionTarget, update: FindingsUpdate): Promise<BatchUpdateResult> {
    if (!update.workflowStatus && !update.note) {
      throw new SieveException(ErrorCode.BadUserInput, 'A findings update needs a workflow status or a note');
    }
    const client = this.clients.get(SecurityHubClient, target);
    const send = (batch: FindingIdentifier[]) =>
      this.broker.withRoleCredentials(target, 'securityhub:BatchUpdateFindings', () =>
        client.send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: batch,
            ...(update.workflowStatus ? { Workflow: { Status: update.workflowStatus } } : {}),
            ...(update.note ? { Note: { Text: update.note.text, UpdatedBy: update.note.updatedBy } } : {}),
          }),
        ),
      );
    return updateInBatches(update.identifiers, send, { ...DEFAULT_BATCH_OPTIONS, batchSize: MAX_PAGE_SIZE });
  }
}

function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new SieveException(
      ErrorCode.BadUserInput,
      `Page size must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return size;
}
