import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { PatternProposal } from './pattern-proposal.entity.js';

export type ProposalWithPattern = PatternProposal & { pattern: KnownGoodPattern };

/** Reads of proposals, in the caller's unit of work (a tenant's, or an analyst's across tenants). */
@Injectable()
export class PatternProposals {
  /** The patterns proposed from each of the cases, oldest first; row-level security decides what is seen. */
  async ofCases(
    manager: EntityManager,
    caseIds: readonly string[],
  ): Promise<Map<string, ProposalWithPattern[]>> {
    const byCase = new Map<string, ProposalWithPattern[]>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return byCase;
    const proposals = (await manager.find(PatternProposal, {
      where: { caseId: In([...caseIds]) },
      relations: { pattern: true },
      order: { createdAt: 'ASC', patternId: 'ASC' },
    })) as ProposalWithPattern[];
    for (const proposal of proposals) byCase.get(proposal.caseId)?.push(proposal);
    return byCase;
  }
}
