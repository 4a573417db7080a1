import type { PolicyDocument } from '../auth/policy.types.js';

export interface IamUser {
  accountId: string;
  userName: string;
  /** `AIDA…` unique id, as GetCallerIdentity reports it. */
  userId: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** IAM actions this user may call, with `*` wildcards (a stand-in for identity policies). */
  permissions: string[];
}

export interface IamRole {
  accountId: string;
  roleName: string;
  /** `AROA…` unique id, the prefix of AssumedRoleId. */
  roleId: string;
  arn: string;
  trustPolicy: PolicyDocument;
  maxSessionDuration: number;
  permissions: string[];
}

/** Temporary credentials issued by AssumeRole. */
export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds; admin "expire credentials" moves it into the past. */
  expiresAt: number;
  accountId: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  /** Issued to a caller that was itself an assumed role: AWS caps such sessions at one hour. */
  chained: boolean;
}

export type Principal = { kind: 'user'; user: IamUser } | { kind: 'assumed-role'; session: RoleSession };

export function principalAccountId(principal: Principal): string {
  return principal.kind === 'user' ? principal.user.accountId : principal.session.accountId;
}

/** The ARN AWS reports for the caller (GetCallerIdentity, AccessDenied messages). */
export function principalArn(principal: Principal): string {
  if (principal.kind === 'user') return principal.user.arn;
  const { accountId, roleName, sessionName } = principal.session;
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export function principalUserId(principal: Principal): string {
  return principal.kind === 'user'
    ? principal.user.userId
    : `${principal.session.roleId}:${principal.session.sessionName}`;
}
