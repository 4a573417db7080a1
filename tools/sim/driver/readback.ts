import type { ObservedCase, ObservedFinding } from '../metrics/observation.js';
import { allNodes, graphql } from './graphql-client.js';

export interface SieveFinding extends ObservedFinding {
  /** Sieve's id. */
  id: string;
  /** The provider's id: what the simulator generated. */
  findingId: string;
}

type Page<N> = { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const FINDINGS = `query($after: String, $filter: FindingFilterInput) {
  findings(first: 80, after: $after, filter: $filter) {
    edges { node { id findingId verdict { verdict patternScope explanation } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The tenant's findings (last seen at or after `since`, when given) with their current verdicts. */
export async function readFindings(
  apiUrl: string,
  tenantToken: string,
  since?: Date,
): Promise<SieveFinding[]> {
  type Node = {
    id: string;
    findingId: string;
    verdict: {
      verdict: 'SUPPRESSED' | 'RAISED';
      patternScope: 'TENANT' | 'GLOBAL' | null;
      explanation: string | null;
    } | null;
  };
  const nodes = await allNodes<Node>(
    async (after) =>
      (
        await graphql<{ findings: Page<Node> }>(apiUrl, tenantToken, FINDINGS, {
          after,
          filter: since ? { from: since.toISOString() } : null,
        })
      ).findings,
  );
  return nodes.map((n) => ({
    id: n.id,
    findingId: n.findingId,
    verdict: n.verdict?.verdict ?? null,
    patternScope: n.verdict?.patternScope ?? null,
    explanation: n.verdict?.explanation ?? null,
  }));
}

export interface SieveCase {
  id: string;
  key: string;
  tenantId: string;
  createdAt: Date;
  /** Sieve ids of the findings linked to the case. */
  findingIds: string[];
}

type CaseNode = {
  id: string;
  key: string;
  tenantId: string;
  createdAt: string;
  findings: Page<{ id: string }>;
};

const CASE_FIELDS = `id key tenantId createdAt
  findings(first: 10) { edges { node { id } } pageInfo { hasNextPage endCursor } }`;

const CASE_FINDINGS = `query($id: ID!, $after: String) {
  case(id: $id) { findings(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }
}`;

/** A page of cases with all their findings (the first 10 come with the case, the rest page by page). */
async function withAllFindings(apiUrl: string, token: string, nodes: CaseNode[]): Promise<SieveCase[]> {
  return Promise.all(
    nodes.map(async (c) => {
      const ids = c.findings.edges.map((e) => e.node.id);
      if (c.findings.pageInfo.hasNextPage) {
        const rest = await allNodes<{ id: string }>(async (after) => {
          const { case: kase } = await graphql<{ case: { findings: Page<{ id: string }> } }>(
            apiUrl,
            token,
            CASE_FINDINGS,
            { id: c.id, after: after ?? c.findings.pageInfo.endCursor },
          );
          return kase.findings;
        });
        ids.push(...rest.map((n) => n.id));
      }
      return {
        id: c.id,
        key: c.key,
        tenantId: c.tenantId,
        createdAt: new Date(c.createdAt),
        findingIds: ids,
      };
    }),
  );
}

/** The first page of the analyst's queue: open cases of every assigned tenant, most urgent first. */
export async function queuePage(apiUrl: string, analystToken: string): Promise<SieveCase[]> {
  const { caseQueue } = await graphql<{ caseQueue: Page<CaseNode> }>(
    apiUrl,
    analystToken,
    `query { caseQueue(first: 10) { edges { node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
  );
  return withAllFindings(
    apiUrl,
    analystToken,
    caseQueue.edges.map((e) => e.node),
  );
}

/** Every case of the assigned tenants, whatever its status. */
export async function readCases(apiUrl: string, analystToken: string): Promise<SieveCase[]> {
  const nodes = await allNodes<CaseNode>(
    async (after) =>
      (
        await graphql<{ cases: Page<CaseNode> }>(
          apiUrl,
          analystToken,
          `query($after: String) { cases(first: 10, after: $after) { edges { node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        )
      ).cases,
  );
  return withAllFindings(apiUrl, analystToken, nodes);
}

/**
 * Cases as the metrics read them: provider ids, whether they were opened in the measurement phase, and
 * whether the analyst opened them (`openedByAnalyst`: ids of the cases it split off).
 */
export function observedCases(
  cases: readonly SieveCase[],
  providerIdOf: ReadonlyMap<string, string>,
  measurementStartedAt: Date,
  openedByAnalyst: ReadonlySet<string> = new Set(),
): ObservedCase[] {
  return cases.map((c) => ({
    id: c.id,
    findingIds: c.findingIds.map((id) => providerIdOf.get(id)).filter((id): id is string => id !== undefined),
    inMeasurement: c.createdAt.getTime() >= measurementStartedAt.getTime(),
    openedByAnalyst: openedByAnalyst.has(c.id),
  }));
}

const GLOBAL_PATTERNS = `query($after: String) {
  globalKnownGoodPatterns(first: 50, after: $after) {
    edges { node {
      reference name description findingType predicates rendering status allowCritical confidence support
      tenantSupport
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Every pooled pattern a tenant sees, each node whole: what the pool published. */
export async function readGlobalPatterns(
  apiUrl: string,
  tenantToken: string,
): Promise<{ reference: string; node: unknown }[]> {
  type Node = { reference: string } & Record<string, unknown>;
  const nodes = await allNodes<Node>(
    async (after) =>
      (
        await graphql<{ globalKnownGoodPatterns: Page<Node> }>(apiUrl, tenantToken, GLOBAL_PATTERNS, {
          after,
        })
      ).globalKnownGoodPatterns,
  );
  return nodes.map((node) => ({ reference: node.reference, node }));
}
