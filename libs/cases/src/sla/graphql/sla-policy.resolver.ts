import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@sieve/core';
import { SlaAccess } from '../access/sla-scope.js';
import type { EffectiveSlaPolicy } from '../policy/effective-sla-policy.js';
import { SlaPoliciesService } from '../policy/sla-policies.service.js';
import { CaseSeverity } from './sla-enums.js';
import { SetSlaCalendarInput, SetSlaPolicyInput } from './sla-policy.inputs.js';
import { SlaPolicyType } from './sla-policy.type.js';

const TENANT_ID_DESCRIPTION =
  'Platform admins: any tenant; MSSP analysts: an assigned one (read only); others: their own (the default).';

/** Reading (tenant users, analysts, platform admins) and changing (tenant and platform admins) SLA policies. */
@Resolver(() => SlaPolicyType)
export class SlaPolicyResolver {
  constructor(
    private readonly access: SlaAccess,
    private readonly policies: SlaPoliciesService,
  ) {}

  @Query(() => SlaPolicyType, { description: "The SLA targets and calendar that apply to a tenant's cases." })
  slaPolicies(
    @CurrentPrincipal() principal: Principal,
    @Args('tenantId', { type: () => ID, nullable: true, description: TENANT_ID_DESCRIPTION })
    tenantId?: string,
  ): Promise<EffectiveSlaPolicy> {
    return this.policies.get(this.access.policyReadTenant(principal, tenantId));
  }

  @Mutation(() => SlaPolicyType, { description: "Overrides the contract tier's targets for one severity." })
  setSlaPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetSlaPolicyInput,
  ): Promise<EffectiveSlaPolicy> {
    const tenantId = this.access.policyWriteTenant(principal, input.tenantId);
    return this.policies.setTarget(principal, tenantId, input.severity, {
      ackMinutes: input.ackMinutes,
      resolveMinutes: input.resolveMinutes,
    });
  }

  @Mutation(() => SlaPolicyType, {
    description: "Back to the contract tier's default targets for one severity.",
  })
  resetSlaPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('severity', { type: () => CaseSeverity }) severity: CaseSeverity,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<EffectiveSlaPolicy> {
    return this.policies.resetTarget(principal, this.access.policyWriteTenant(principal, tenantId), severity);
  }

  @Mutation(() => SlaPolicyType, {
    description:
      '24/7 or business hours (weekly spans and holidays, in the tenant time zone) for SLA clocks.',
  })
  setBusinessCalendar(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetSlaCalendarInput,
  ): Promise<EffectiveSlaPolicy> {
    const tenantId = this.access.policyWriteTenant(principal, input.tenantId);
    return this.policies.setCalendar(principal, tenantId, {
      mode: input.mode,
      weeklyHours: input.weeklyHours.map(({ day, start, end }) => ({ day, start, end })),
      holidays: input.holidays,
    });
  }
}
