import { registerEnumType } from '@nestjs/graphql';
import { PatternStatus } from '../../patterns/pattern-status.js';

registerEnumType(PatternStatus, {
  name: 'PatternStatus',
  description:
    'PROPOSED: waiting for approval (or a backtest). ACTIVE: suppresses. RETIRED: kept for history.',
});

export { PatternStatus };
