import { registerEnumType } from '@nestjs/graphql';
import { PatternActivationPolicy } from '../policy/learning-policy.js';
import { ProposalState } from '../proposals/proposal-state.js';

registerEnumType(PatternActivationPolicy, {
  name: 'PatternActivationPolicy',
  description:
    'What happens to a pattern learnt from a resolved case once its backtest is clean: AUTO_AFTER_CLEAN_BACKTEST (the default) activates it, REQUIRE_APPROVAL waits for approvePattern. A backtest that finds a true positive refuses activation either way.',
});

registerEnumType(ProposalState, {
  name: 'PatternProposalState',
  description:
    'PENDING: waiting for its backtest. CLEAN: no true positive matched (activated, or waiting for approval). REFUSED: it matches findings marked TRUE_POSITIVE. SKIPPED: decided by hand or withdrawn first. ERROR: the backtest kept failing.',
});

export { PatternActivationPolicy, ProposalState };
