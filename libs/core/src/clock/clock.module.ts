import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';

/** Provides the wall clock; tests override `Clock` with a ManualClock. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
