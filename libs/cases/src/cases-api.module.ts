import { Module } from '@nestjs/common';
import { CasesModule } from './cases.module.js';
import { CaseCollaborationResolver } from './graphql/resolvers/case-collaboration.resolver.js';
import { CaseFieldsResolver } from './graphql/resolvers/case-fields.resolver.js';
import { CaseMutationResolver } from './graphql/resolvers/case-mutation.resolver.js';
import {
  CaseCommentResolver,
  CaseEventResolver,
  CaseTaskResolver,
} from './graphql/resolvers/case-people.resolver.js';
import { CaseQueryResolver } from './graphql/resolvers/case-query.resolver.js';
import { CaseLoadersFactory } from './query/case-loaders.factory.js';
import { CaseQueryService } from './query/case-query.service.js';

/** The case domain's GraphQL operations: the analyst queue, case reads and every case mutation. */
@Module({
  imports: [CasesModule],
  providers: [
    CaseQueryService,
    CaseLoadersFactory,
    CaseQueryResolver,
    CaseFieldsResolver,
    CaseCommentResolver,
    CaseTaskResolver,
    CaseEventResolver,
    CaseMutationResolver,
    CaseCollaborationResolver,
  ],
})
export class CasesApiModule {}
