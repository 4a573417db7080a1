import { Module } from '@nestjs/common';
import { PatternChangeBus } from './pattern-change-bus.js';

/**
 * One PatternChangeBus for every knowledge module of a process: the matcher's cache subscribes to it, the
 * pattern service, learning and pooling publish on it. Needs the app's RedisService (global module).
 */
@Module({ providers: [PatternChangeBus], exports: [PatternChangeBus] })
export class PatternChangeBusModule {}
