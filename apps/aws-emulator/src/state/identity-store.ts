import type { SigningSecret } from '../auth/sigv4-verifier.js';
import type { IamRole, IamUser, Principal, RoleSession } from './identity.types.js';

export interface AccountRecord {
  accountId: string;
  alias?: string;
}

export type ResolvedCredential = SigningSecret & { principal: Principal };

/** Accounts, IAM users and roles, and the temporary credentials STS has issued. */
export class IdentityStore {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly usersByKey = new Map<string, IamUser>();
  private readonly rolesByArn = new Map<string, IamRole>();
  private readonly sessionsByKey = new Map<string, RoleSession>();

  registerAccount(account: AccountRecord): void {
    const existing = this.accounts.get(account.accountId);
    this.accounts.set(account.accountId, {
      ...existing,
      ...account,
      alias: account.alias ?? existing?.alias,
    });
  }

  hasAccount(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  listAccounts(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  putUser(user: IamUser): void {
    for (const [key, existing] of this.usersByKey) {
      if (existing.arn === user.arn) this.usersByKey.delete(key);
    }
    this.usersByKey.set(user.accessKeyId, user);
  }

  putRole(role: IamRole): void {
    this.rolesByArn.set(role.arn, role);
  }

  findRole(arn: string): IamRole | undefined {
    return this.rolesByArn.get(arn);
  }

  listUsers(): IamUser[] {
    return [...this.usersByKey.values()];
  }

  listRoles(): IamRole[] {
    return [...this.rolesByArn.values()];
  }

  putSession(session: RoleSession): void {
    this.sessionsByKey.set(session.accessKeyId, session);
  }

  /** What SigV4 verification needs to know about an access key, and who it belongs to. */
  resolveAccessKey(accessKeyId: string): ResolvedCredential | undefined {
    const user = this.usersByKey.get(accessKeyId);
    if (user) return { secretAccessKey: user.secretAccessKey, principal: { kind: 'user', user } };
    const session = this.sessionsByKey.get(accessKeyId);
    if (!session) return undefined;
    return {
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiresAt: session.expiresAt,
      principal: { kind: 'assumed-role', session },
    };
  }

  /**
   * Makes every live session of the account (or of one role in it) expire now, as when AWS revokes
   * sessions. Returns how many were still valid.
   */
  expireSessions(accountId: string, roleName: string | undefined, now: number): number {
    let expired = 0;
    for (const session of this.sessionsByKey.values()) {
      const matches =
        session.accountId === accountId && (roleName === undefined || session.roleName === roleName);
      if (matches && session.expiresAt > now) {
        session.expiresAt = now;
        expired++;
      }
    }
    return expired;
  }

  /** Forgets sessions that expired long ago so a long-running emulator does not grow without bound. */
  pruneSessions(olderThan: number): void {
    for (const [key, session] of this.sessionsByKey) {
      if (session.expiresAt < olderThan) this.sessionsByKey.delete(key);
    }
  }

  countLiveSessions(now: number): number {
    return [...this.sessionsByKey.values()].filter((session) => session.expiresAt > now).length;
  }
}
