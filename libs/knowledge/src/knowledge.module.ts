import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KnownGoodMatcher } from './patterns/known-good-matcher.js';
import { KNOWLEDGE_ENTITIES } from './entities.js';

/** Known-good patterns and their matching. */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES)],
  providers: [KnownGoodMatcher],
  exports: [KnownGoodMatcher],
})
export class KnowledgeModule {}
