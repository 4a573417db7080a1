import { z } from 'zod';
import type { Emulator } from '../emulator.js';
import { faultConfigSchema, type FaultConfig } from '../faults/fault-config.js';
import type { CounterSnapshot } from '../metrics/request-counters.js';
import type { AsffFinding } from '../securityhub/asff.types.js';
import { validateAsffFinding } from '../securityhub/asff-validation.js';
import {
  accountIdSchema,
  regionNameSchema,
  seedAccountSchema,
  seedRoleSchema,
  throttlingSchema,
  trailEventSchema,
} from '../seed/seed.schema.js';
import type { SeedAccount, SeedRole, SeedTrailEvent } from '../seed/seed.types.js';
import type { AccountSummary } from '../state/emulator-state.js';
import type { ThrottleLimits } from '../throttle/throttle-registry.js';
import { AdminInputError, parseAdminInput } from './admin-input-error.js';

export interface EmulatorSummary {
  accounts: AccountSummary[];
  liveSessions: number;
  faults: FaultConfig;
  throttling: ThrottleLimits;
}

/**
 * The test controls of a running emulator. The HTTP admin API and programmatic callers use the
 * same methods, so both validate input identically (programmatic input may come from JSON too).
 */
export class EmulatorAdmin {
  constructor(private readonly emulator: Emulator) {}

  summary(): EmulatorSummary {
    const { emulator } = this;
    return {
      accounts: emulator.state.summary(),
      liveSessions: emulator.state.identity.countLiveSessions(emulator.now()),
      faults: emulator.faults.current(),
      throttling: emulator.throttles.currentLimits(),
    };
  }

  /** Adds an account, or adds users, roles, findings and events to an existing one. */
  registerAccount(account: SeedAccount): void {
    const valid = parseAdminInput(seedAccountSchema, account, 'account');
    this.emulator.state.addAccount(valid, new Date(this.emulator.now()));
  }

  registerRole(accountId: string, role: SeedRole): { arn: string } {
    parseAdminInput(accountIdSchema, accountId, 'accountId');
    const valid = parseAdminInput(seedRoleSchema, role, 'role');
    return { arn: this.emulator.state.addRole(accountId, valid).arn };
  }

  /** Puts findings straight into an account/region, as if their providers had imported them. */
  injectFindings(
    accountId: string,
    region: string,
    findings: Record<string, unknown>[],
  ): { injected: number } {
    parseAdminInput(accountIdSchema, accountId, 'accountId');
    parseAdminInput(regionNameSchema, region, 'region');
    if (!Array.isArray(findings)) throw new AdminInputError('findings must be a list');
    const problems = findings.flatMap((finding, index) => {
      const own = finding?.AwsAccountId === accountId ? [] : [`AwsAccountId must be ${accountId}`];
      return [...validateAsffFinding(finding), ...own].map((problem) => `findings[${index}]: ${problem}`);
    });
    if (problems.length > 0) throw new AdminInputError(`Invalid findings: ${problems.join('; ')}`);
    this.emulator.state.addFindings(
      accountId,
      region,
      findings as AsffFinding[],
      new Date(this.emulator.now()),
    );
    return { injected: findings.length };
  }

  injectCloudTrailEvents(accountId: string, region: string, events: SeedTrailEvent[]): { injected: number } {
    parseAdminInput(accountIdSchema, accountId, 'accountId');
    parseAdminInput(regionNameSchema, region, 'region');
    const valid = parseAdminInput(z.array(trailEventSchema), events, 'CloudTrail events');
    this.emulator.state.addTrailEvents(accountId, region, valid);
    return { injected: valid.length };
  }

  listFindings(accountId: string, region: string): AsffFinding[] {
    parseAdminInput(accountIdSchema, accountId, 'accountId');
    parseAdminInput(regionNameSchema, region, 'region');
    return this.emulator.state.findings.list(accountId, region).map((stored) => stored.finding);
  }

  /** Replaces the active faults (ratios, latency, deleted roles, scope). */
  setFaults(config: FaultConfig): FaultConfig {
    this.emulator.faults.set(parseAdminInput(faultConfigSchema, config, 'fault configuration'));
    return this.emulator.faults.current();
  }

  resetFaults(): void {
    this.emulator.faults.reset();
  }

  /**
   * Expires every live session of an account, or of one of its roles, now. Unlike faults this is
   * not undone by resetFaults: revoked credentials stay revoked, as in AWS.
   */
  expireCredentials(accountId: string, roleName?: string): { expired: number } {
    parseAdminInput(accountIdSchema, accountId, 'accountId');
    return { expired: this.emulator.state.identity.expireSessions(accountId, roleName, this.emulator.now()) };
  }

  counters(): CounterSnapshot {
    return this.emulator.counters.snapshot();
  }

  resetCounters(): void {
    this.emulator.counters.reset();
  }

  /** Overrides the token buckets of some operations (`null` = unlimited); buckets restart full. */
  setThrottling(limits: Partial<ThrottleLimits>): ThrottleLimits {
    this.emulator.throttles.configure(parseAdminInput(throttlingSchema, limits, 'throttling limits'));
    return this.emulator.throttles.currentLimits();
  }

  reset(): void {
    this.emulator.reset();
  }
}
