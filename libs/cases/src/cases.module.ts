import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CASES_ENTITIES } from './entities.js';
import { CaseChangeListeners } from './events/case-change.js';
import { CaseTimeline } from './events/case-timeline.js';
import { CaseAccess } from './access/case-access.js';
import { CaseAssignmentService } from './service/case-assignment.service.js';
import { CaseCollaborationService } from './service/case-collaboration.service.js';
import { CaseEditorService } from './service/case-editor.service.js';
import { CaseLifecycleService } from './service/case-lifecycle.service.js';
import { CaseMergeService } from './service/case-merge.service.js';
import { CaseRelink } from './service/case-relink.js';
import { CaseWriter } from './service/case-writer.js';
import { CaseLinks } from './store/case-links.js';
import { CaseNumbers } from './store/case-numbers.js';

const SERVICES = [
  CaseChangeListeners,
  CaseTimeline,
  CaseNumbers,
  CaseLinks,
  CaseAccess,
  CaseWriter,
  CaseRelink,
  CaseEditorService,
  CaseLifecycleService,
  CaseAssignmentService,
  CaseCollaborationService,
  CaseMergeService,
];

/**
 * The case model, its timeline and the services that change cases. Other domains import it to follow case
 * changes (`listeners.register(this)` in their `onModuleInit`) or to append timeline entries of their own.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CASES_ENTITIES)],
  providers: SERVICES,
  exports: SERVICES,
})
export class CasesModule {}
