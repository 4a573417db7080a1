import { provesBothWays } from '../mutation-testing.js';
import { checkOutputs } from './outputs.js';

describe('checkOutputs', () => {
  provesBothWays(checkOutputs, [
    ['a missing RoleArn', '  RoleArn:\n', '  RoleId:\n', /RoleArn: must be !GetAtt/],
    [
      'an ExternalId output',
      '\nOutputs:\n',
      '\nOutputs:\n  Id:\n    Value: !Ref ExternalId\n',
      /Outputs.Id: must not reveal ExternalId/,
    ],
    [
      'an ExternalId inside a Fn::Sub output',
      '\nOutputs:\n',
      "\nOutputs:\n  Hint:\n    Value: !Sub 'use ${ExternalId}'\n",
      /Outputs.Hint: must not reveal/,
    ],
  ]);
});
