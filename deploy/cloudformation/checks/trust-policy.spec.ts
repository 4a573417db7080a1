import { provesBothWays } from '../mutation-testing.js';
import { checkTrustParameters, checkTrustPolicy } from './trust-policy.js';

const PRINCIPAL = '              AWS: !Ref PlatformPrincipalArn\n';
const CONDITION =
  '            Condition:\n              StringEquals:\n                sts:ExternalId: !Ref ExternalId\n';

describe('checkTrustPolicy', () => {
  provesBothWays(checkTrustPolicy, [
    ['a wildcard AWS principal', PRINCIPAL, "              AWS: '*'\n", /wildcard principal/],
    [
      'Principal "*"',
      `            Principal:\n${PRINCIPAL}`,
      "            Principal: '*'\n",
      /Principal must be/,
    ],
    [
      'a service principal',
      PRINCIPAL,
      `${PRINCIPAL}              Service: ec2.amazonaws.com\n`,
      /Service principals are not allowed/,
    ],
    [
      'a second principal',
      PRINCIPAL,
      "              AWS: [!Ref PlatformPrincipalArn, 'arn:aws:iam::111122223333:root']\n",
      /exactly !Ref PlatformPrincipalArn/,
    ],
    [
      'NotPrincipal',
      '            Principal:\n',
      '            NotPrincipal:\n',
      /NotPrincipal is not allowed/,
    ],
    ['a missing ExternalId condition', CONDITION, '', /StringEquals \{ sts:ExternalId/],
    [
      'StringLike instead of StringEquals',
      '              StringEquals:\n                sts:ExternalId',
      '              StringLike:\n                sts:ExternalId',
      /StringEquals \{ sts:ExternalId/,
    ],
    [
      'an ExternalId not bound to the parameter',
      'sts:ExternalId: !Ref ExternalId',
      "sts:ExternalId: 'same-for-every-customer'",
      /StringEquals \{ sts:ExternalId/,
    ],
    ['any STS action', 'Action: sts:AssumeRole', "Action: 'sts:*'", /exactly sts:AssumeRole/],
    [
      'an extra statement',
      CONDITION,
      `${CONDITION}          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n`,
      /exactly one statement/,
    ],
  ]);
});

describe('checkTrustParameters', () => {
  provesBothWays(checkTrustParameters, [
    ['a short ExternalId', 'MinLength: 32', 'MinLength: 16', /MinLength must be at least 32/],
    [
      'an ExternalId pattern that admits anything',
      "AllowedPattern: '^[A-Za-z0-9_-]+$'",
      "AllowedPattern: '.*'",
      /accepts/,
    ],
    [
      'an ExternalId default',
      '    NoEcho: true\n',
      "    NoEcho: true\n    Default: '0123456789abcdef0123456789abcdef'\n",
      /must have no Default/,
    ],
    ['an echoed ExternalId', '    NoEcho: true\n', '', /must be NoEcho/],
    [
      'a principal pattern that admits wildcards',
      "AllowedPattern: '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/",
      "AllowedPattern: '^arn:aws(-[a-z]+)*:iam::[0-9*]{1,12}:role/",
      /accepts "arn:aws:iam::\*:role/,
    ],
    [
      'a principal pattern that admits account roots',
      "AllowedPattern: '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$'",
      "AllowedPattern: '^arn:aws:iam::[0-9]{12}:(root|role/[a-z-]+)$'",
      /accepts "arn:aws:iam::123456789012:root"/,
    ],
  ]);
});
