import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { CasesModule } from '../cases.module.js';
import { CaseGrouping, VERDICT_HOOK_REGISTRY, type VerdictHookRegistry } from './case-grouping.js';
import { RetroCorrelation } from './retro-correlation.js';

/**
 * Case grouping for the worker: registers the verdict hook with triage. The worker hands in triage's module
 * and hook registry (`CaseGroupingModule.forTriage({ module: TriageModule, hooks: VerdictHooks })`) so that
 * the case domain depends on triage for types only: triage depends on the knowledge base, which learns from
 * resolved cases, and a runtime import of triage here would close that loop into an import cycle.
 */
@Module({})
export class CaseGroupingModule {
  static forTriage(triage: { module: Type<unknown>; hooks: Type<VerdictHookRegistry> }): DynamicModule {
    return {
      module: CaseGroupingModule,
      imports: [CasesModule, triage.module],
      providers: [
        { provide: VERDICT_HOOK_REGISTRY, useExisting: triage.hooks },
        RetroCorrelation,
        CaseGrouping,
      ],
    };
  }
}
