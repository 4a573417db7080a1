import type { PolicyDocument } from '../auth/policy.types.js';
import { toStoredTrailEvent } from '../cloudtrail/trail-event.js';
import type { AsffFinding } from '../securityhub/asff.types.js';
import { importFinding } from '../securityhub/finding-import.js';
import type { Seed, SeedAccount, SeedRole, SeedTrailEvent, SeedUser } from '../seed/seed.types.js';
import { FindingStore } from './finding-store.js';
import { stableUniqueId } from './ids.js';
import { IdentityStore } from './identity-store.js';
import type { IamRole, IamUser } from './identity.types.js';
import { TrailStore } from './trail-store.js';

export class UnknownAccountError extends Error {
  override name = 'UnknownAccountError';
  constructor(accountId: string) {
    super(`Account ${accountId} is not registered in the emulator`);
  }
}

export interface AccountSummary {
  accountId: string;
  alias?: string;
  users: { userName: string; arn: string; accessKeyId: string }[];
  roles: { roleName: string; arn: string; maxSessionDuration: number }[];
  findings: Record<string, number>;
  cloudTrailEvents: Record<string, number>;
}

/** The emulated AWS world: identities, Security Hub findings and CloudTrail events, all in memory. */
export class EmulatorState {
  readonly identity = new IdentityStore();
  readonly findings = new FindingStore();
  readonly trail = new TrailStore();

  static fromSeed(seed: Seed, now: Date): EmulatorState {
    const state = new EmulatorState();
    for (const account of seed.accounts) state.addAccount(account, now);
    return state;
  }

  /** Registers an account, or adds to it when it exists: users, roles, findings and events. */
  addAccount(account: SeedAccount, now: Date): void {
    this.identity.registerAccount({ accountId: account.accountId, alias: account.alias });
    for (const user of account.users ?? []) this.addUser(account.accountId, user);
    for (const role of account.roles ?? []) this.addRole(account.accountId, role);
    for (const [region, data] of Object.entries(account.regions ?? {})) {
      this.addFindings(account.accountId, region, (data.findings ?? []) as AsffFinding[], now);
      this.addTrailEvents(account.accountId, region, data.cloudTrailEvents ?? []);
    }
  }

  addUser(accountId: string, user: SeedUser): IamUser {
    this.requireAccount(accountId);
    const arn = `arn:aws:iam::${accountId}:user/${user.userName}`;
    const iamUser: IamUser = {
      accountId,
      userName: user.userName,
      userId: stableUniqueId('AIDA', arn),
      arn,
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      permissions: user.permissions ?? ['*'],
    };
    this.identity.putUser(iamUser);
    return iamUser;
  }

  addRole(accountId: string, role: SeedRole): IamRole {
    this.requireAccount(accountId);
    const arn = `arn:aws:iam::${accountId}:role/${role.roleName}`;
    const iamRole: IamRole = {
      accountId,
      roleName: role.roleName,
      roleId: stableUniqueId('AROA', arn),
      arn,
      trustPolicy:
        typeof role.trustPolicy === 'string'
          ? (JSON.parse(role.trustPolicy) as PolicyDocument)
          : role.trustPolicy,
      maxSessionDuration: role.maxSessionDuration ?? 3600,
      permissions: role.permissions ?? ['*'],
    };
    this.identity.putRole(iamRole);
    return iamRole;
  }

  /** Stores already-validated findings as Security Hub would after BatchImportFindings. */
  addFindings(accountId: string, region: string, findings: AsffFinding[], now: Date): void {
    this.requireAccount(accountId);
    for (const finding of findings) importFinding(this.findings, accountId, region, finding, now);
  }

  addTrailEvents(accountId: string, region: string, events: SeedTrailEvent[]): void {
    this.requireAccount(accountId);
    for (const event of events) this.trail.add(accountId, region, toStoredTrailEvent(event));
  }

  summary(): AccountSummary[] {
    return this.identity.listAccounts().map((account) => ({
      ...account,
      users: this.identity
        .listUsers()
        .filter((user) => user.accountId === account.accountId)
        .map(({ userName, arn, accessKeyId }) => ({ userName, arn, accessKeyId })),
      roles: this.identity
        .listRoles()
        .filter((role) => role.accountId === account.accountId)
        .map(({ roleName, arn, maxSessionDuration }) => ({ roleName, arn, maxSessionDuration })),
      findings: this.findings.countByRegion(account.accountId),
      cloudTrailEvents: this.trail.countByRegion(account.accountId),
    }));
  }

  private requireAccount(accountId: string): void {
    if (!this.identity.hasAccount(accountId)) throw new UnknownAccountError(accountId);
  }
}
