import { provesBothWays } from '../mutation-testing.js';
import { checkSessionDuration } from './session-duration.js';

describe('checkSessionDuration', () => {
  provesBothWays(checkSessionDuration, [
    ['a maximum above 12 hours', 'MaxValue: 43200', 'MaxValue: 86400', /MaxValue must be at most 43200/],
    ['a minimum below one hour', 'MinValue: 3600', 'MinValue: 900', /MinValue must be at least 3600/],
    ['a longer default', 'Default: 3600', 'Default: 7200', /Default must be 3600/],
    [
      'a role that ignores the parameter',
      'MaxSessionDuration: !Ref MaxSessionDuration',
      'MaxSessionDuration: 43200',
      /must be !Ref MaxSessionDuration/,
    ],
  ]);
});
