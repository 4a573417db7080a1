import { provesBothWays } from '../mutation-testing.js';
import { checkParameterInterface } from './parameter-interface.js';

describe('checkParameterInterface', () => {
  provesBothWays(checkParameterInterface, [
    [
      'a parameter outside every group',
      '          - ExternalId\n',
      '',
      /ExternalId: must be in exactly one ParameterGroup, is in 0/,
    ],
    [
      'a parameter without a label',
      '      ExternalId:\n        default: External ID\n',
      '',
      /ExternalId: has no ParameterLabel/,
    ],
    [
      'a group naming an unknown parameter',
      '          - ExternalId\n',
      '          - ExternalId\n          - Region\n',
      /unknown parameter "Region"/,
    ],
  ]);
});
