import { Injectable } from '@nestjs/common';
import type { Enricher, EnrichmentContext } from '../enrichment/enricher.js';
import type { TriageFinding } from '../triage-finding.js';
import { parseUserAgent, servicePrincipalOf, type UserAgentInfo } from './user-agent.js';

export type PrincipalKind =
  'root' | 'iam-user' | 'assumed-role' | 'aws-service' | 'ci-oidc' | 'federated' | 'unknown';

export type CiProvider = 'github-actions' | 'gitlab' | 'terraform-cloud' | 'circleci';

/** The generalised shape of a role session name (the name itself is tenant data). */
export type SessionNameShape = 'instance-id' | 'email' | 'sdk-default' | 'ci' | 'other';

export interface PrincipalContext {
  kind: PrincipalKind;
  ciProvider?: CiProvider;
  /** As normalised: IAMUser, AssumedRole, Root, AWSService, FederatedUser, Unknown. */
  principalType?: string;
  /** User or role name (tenant data: never pooled). */
  principalName?: string;
  /** The role session name of an assumed role (tenant data). */
  sessionName?: string;
  sessionNameShape?: SessionNameShape;
  /** Stable per principal within a tenant: `<account>:user/<name>`, `<account>:role/<name>`, `<account>:root`. */
  principalKey?: string;
  /** AKIA… long-term IAM user keys vs ASIA… temporary credentials. */
  credentials?: 'long-term' | 'temporary';
  /** The AWS service acting, e.g. `cloudformation.amazonaws.com`. */
  servicePrincipal?: string;
  userAgent: UserAgentInfo;
  callerType?: string;
  /** IAM action form of the API call: `s3:ListBuckets`. */
  apiAction?: string;
}

/**
 * Heuristics for OIDC web-identity sessions of CI systems (GuardDuty reports them as AssumedRole and does not
 * say the role was assumed with AssumeRoleWithWebIdentity, so the session name is the best evidence):
 * - GitHub Actions: aws-actions/configure-aws-credentials names the session `GitHubActions` by default, and
 *   its own STS calls carry the user agent `configure-aws-credentials-for-github-actions`.
 * - GitLab CI: GitLab's documented example is `--role-session-name "GitLabRunner-${CI_PROJECT_ID}-${CI_PIPELINE_ID}"`.
 * - CircleCI: its documented example is `CircleCI-${CIRCLE_WORKFLOW_ID}-${CIRCLE_JOB}`.
 * - HCP Terraform / Terraform Cloud dynamic credentials: the session name is the run id `run-<16 chars>`,
 *   and we also require a Terraform user agent, since `run-…` alone is a common name.
 * A tenant whose pipelines use other session names gets `assumed-role`; patterns can still match on role.
 */
const CI_SESSIONS: readonly [RegExp, CiProvider][] = [
  [/^GitHubActions/i, 'github-actions'],
  [/^GitLab(?:Runner)?[-_]/i, 'gitlab'],
  [/^CircleCI[-_]/i, 'circleci'],
];
const GITHUB_ACTION_UA = /configure-aws-credentials-for-github-actions/i;
const TFC_RUN = /^run-[A-Za-z0-9]{16}$/;

/** IAM Identity Center permission-set roles: the session is a person signed in through the SSO portal. */
const SSO_ROLE = /^AWSReservedSSO_/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * `principal-context`: what kind of identity acted (root, user, role, service, CI pipeline, federated
 * person) and with which tool (user-agent family and major version).
 */
@Injectable()
export class PrincipalContextEnricher implements Enricher<PrincipalContext> {
  readonly name = 'principal-context';
  readonly inputs = [] as const;
  readonly outputs = [
    'kind',
    'ciProvider',
    'principalType',
    'principalName',
    'sessionName',
    'sessionNameShape',
    'principalKey',
    'credentials',
    'servicePrincipal',
    'userAgent',
    'callerType',
    'apiAction',
  ] as const;
  readonly timeoutMs = 500;

  async enrich({ finding }: EnrichmentContext): Promise<PrincipalContext | null> {
    const { principal, apiCall, userAgent } = finding.observables;
    if (!principal && !apiCall && userAgent === undefined) return null;
    return principalContextOf(finding);
  }
}

export function principalContextOf(finding: TriageFinding): PrincipalContext {
  const { principal, apiCall, userAgent: rawUserAgent } = finding.observables;
  const userAgent = parseUserAgent(rawUserAgent);
  const servicePrincipal =
    servicePrincipalOf(rawUserAgent) ??
    [principal?.userName, principal?.principalId].find((v) => v !== undefined && /\.amazonaws\.com$/.test(v));
  const sessionName =
    principal?.type === 'AssumedRole'
      ? principal.principalId?.split(':').slice(1).join(':') || undefined
      : undefined;
  const ciProvider =
    principal?.type === 'AssumedRole' ? ciProviderOf(sessionName, rawUserAgent, userAgent) : undefined;

  let kind: PrincipalKind;
  if (apiCall?.callerType === 'AWS Service' || principal?.type === 'AWSService' || servicePrincipal) {
    kind = 'aws-service';
  } else if (principal?.type === 'Root') {
    kind = 'root';
  } else if (principal?.type === 'IAMUser') {
    kind = 'iam-user';
  } else if (principal?.type === 'FederatedUser') {
    kind = 'federated';
  } else if (principal?.type === 'AssumedRole') {
    kind = ciProvider ? 'ci-oidc' : SSO_ROLE.test(principal.userName ?? '') ? 'federated' : 'assumed-role';
  } else {
    kind = 'unknown';
  }

  const context: PrincipalContext = {
    kind,
    ciProvider,
    principalType: principal?.type,
    principalName: principal?.userName,
    sessionName,
    sessionNameShape: sessionName === undefined ? undefined : sessionShape(sessionName, ciProvider),
    principalKey: principalKeyOf(finding),
    credentials: credentialsOf(principal?.accessKeyId),
    servicePrincipal,
    userAgent,
    callerType: apiCall?.callerType,
    apiAction: apiActionOf(apiCall?.service, apiCall?.api),
  };
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as PrincipalContext;
}

function ciProviderOf(
  sessionName: string | undefined,
  rawUserAgent: string | undefined,
  userAgent: UserAgentInfo,
): CiProvider | undefined {
  if (rawUserAgent && GITHUB_ACTION_UA.test(rawUserAgent)) return 'github-actions';
  if (sessionName === undefined) return undefined;
  const bySession = CI_SESSIONS.find(([pattern]) => pattern.test(sessionName))?.[1];
  if (bySession) return bySession;
  return TFC_RUN.test(sessionName) && userAgent.family === 'terraform' ? 'terraform-cloud' : undefined;
}

function sessionShape(sessionName: string, ciProvider: CiProvider | undefined): SessionNameShape {
  if (ciProvider) return 'ci';
  if (/^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(sessionName)) return 'instance-id';
  if (EMAIL.test(sessionName)) return 'email';
  if (/^(?:botocore-session-\d+|aws-go-sdk-\d+|aws-sdk-js-\d+|aws-sdk-java-\d+)$/.test(sessionName)) {
    return 'sdk-default';
  }
  return 'other';
}

/** One key per principal and account, whatever access key or session it used. */
export function principalKeyOf(finding: TriageFinding): string | undefined {
  const principal = finding.observables.principal;
  if (!principal) return undefined;
  const account = finding.awsAccountId;
  switch (principal.type) {
    case 'Root':
      return `${account}:root`;
    case 'IAMUser':
      return principal.userName ? `${account}:user/${principal.userName}` : undefined;
    case 'AssumedRole':
      return principal.userName ? `${account}:role/${principal.userName}` : undefined;
    case 'FederatedUser':
      return principal.userName ? `${account}:federated-user/${principal.userName}` : undefined;
    default:
      return principal.userName
        ? `${account}:principal/${principal.userName}`
        : principal.principalId
          ? `${account}:id/${principal.principalId.split(':')[0]}`
          : undefined;
  }
}

function credentialsOf(accessKeyId: string | undefined): 'long-term' | 'temporary' | undefined {
  if (accessKeyId?.startsWith('AKIA')) return 'long-term';
  if (accessKeyId?.startsWith('ASIA')) return 'temporary';
  return undefined;
}

/** `s3.amazonaws.com` + `ListBuckets` → `s3:ListBuckets`. */
export function apiActionOf(service: string | undefined, api: string | undefined): string | undefined {
  if (!api) return undefined;
  const prefix = service?.toLowerCase().replace(/\.amazonaws\.com(\.cn)?$/, '');
  return prefix ? `${prefix}:${api}` : api;
}
