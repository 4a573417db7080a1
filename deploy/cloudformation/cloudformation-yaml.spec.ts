import { parseCloudFormationYaml } from './cloudformation-yaml.js';

/** Parses `Value: <yaml>` and returns what Value became. */
function valueOf(yaml: string): unknown {
  return parseCloudFormationYaml(`Value: ${yaml}\n`)['Value'];
}

describe('parseCloudFormationYaml', () => {
  it.each<[string, string, unknown]>([
    ['!Ref', '!Ref RoleName', { Ref: 'RoleName' }],
    ['!Ref (pseudo parameter)', '!Ref AWS::AccountId', { Ref: 'AWS::AccountId' }],
    ['!Condition', '!Condition HasRoleName', { Condition: 'HasRoleName' }],
    [
      '!Sub (string)',
      "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'",
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' },
    ],
    ['!Sub (list)', '!Sub [ "${A}-x", { A: !Ref B } ]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'B' } }] }],
    ['!GetAtt (dotted)', '!GetAtt Role.Arn', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    [
      '!GetAtt (attribute with a dot)',
      '!GetAtt Db.Endpoint.Address',
      { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
    ],
    ['!GetAtt (list)', '!GetAtt [Role, Arn]', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    [
      '!If',
      '!If [HasName, !Ref Name, !Ref AWS::NoValue]',
      { 'Fn::If': ['HasName', { Ref: 'Name' }, { Ref: 'AWS::NoValue' }] },
    ],
    ['!Equals', "!Equals [!Ref RoleName, '']", { 'Fn::Equals': [{ Ref: 'RoleName' }, ''] }],
    ['!Not', "!Not [!Equals [!Ref A, '']]", { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'A' }, ''] }] }],
    ['!And', '!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or', '!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Join', "!Join [',', [a, !Ref B]]", { 'Fn::Join': [',', ['a', { Ref: 'B' }]] }],
    ['!Select', "!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split', "!Split [',', !Ref List]", { 'Fn::Split': [',', { Ref: 'List' }] }],
    [
      '!FindInMap',
      '!FindInMap [Map, !Ref AWS::Region, Key]',
      { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
    ],
    ['!Base64 (string)', '!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Base64 (map)', "!Base64 { 'Fn::Sub': 'x${A}' }", { 'Fn::Base64': { 'Fn::Sub': 'x${A}' } }],
    ['!Cidr', "!Cidr ['10.0.0.0/16', 4, 8]", { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!GetAZs (empty)', "!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!GetAZs (map)', '!GetAZs { Ref: AWS::Region }', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
    ['!ImportValue (string)', '!ImportValue shared-vpc-id', { 'Fn::ImportValue': 'shared-vpc-id' }],
    [
      '!ImportValue (map)',
      "!ImportValue { 'Fn::Sub': '${Env}-vpc' }",
      { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } },
    ],
  ])('reads %s into the long form', (_name, yaml, expected) => {
    expect(valueOf(yaml)).toEqual(expected);
  });

  it('reads block-style short forms and nests them', () => {
    const template = parseCloudFormationYaml(
      [
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: !If',
        '        - HasName',
        '        - !Sub',
        '          - "${Prefix}-role"',
        '          - Prefix: !Select [0, !Split ["-", !Ref AWS::StackName]]',
        '        - !Ref AWS::NoValue',
      ].join('\n'),
    );
    expect(template).toEqual({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: {
              'Fn::If': [
                'HasName',
                {
                  'Fn::Sub': [
                    '${Prefix}-role',
                    { Prefix: { 'Fn::Select': [0, { 'Fn::Split': ['-', { Ref: 'AWS::StackName' }] }] } },
                  ],
                },
                { Ref: 'AWS::NoValue' },
              ],
            },
          },
        },
      },
    });
  });

  it('leaves the long form untouched', () => {
    expect(valueOf("{ 'Fn::GetAtt': [Role, Arn] }")).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
  });

  it.each([
    ['an unknown tag', '!Frobnicate x'],
    ['a tag on the wrong kind of node', '!Ref [a, b]'],
    ['a list-only tag on a scalar', '!If cond'],
    ['!GetAtt without an attribute', '!GetAtt Role'],
  ])('rejects %s', (_name, yaml) => {
    expect(() => valueOf(yaml)).toThrow(/invalid CloudFormation YAML/);
  });

  it('rejects an alias inside a short form, which it could not resolve', () => {
    expect(() => parseCloudFormationYaml("A: &x a\nB: !Join ['', [*x, b]]\n")).toThrow(
      /YAML aliases inside short-form/,
    );
  });

  it('resolves an alias outside short forms', () => {
    expect(parseCloudFormationYaml('A: &x [a]\nB: *x\n')).toEqual({ A: ['a'], B: ['a'] });
  });

  it('rejects duplicate keys, which CloudFormation also refuses', () => {
    expect(() => parseCloudFormationYaml('A: 1\nA: 2\n')).toThrow(/invalid CloudFormation YAML/);
  });

  it('rejects a stream of several documents', () => {
    expect(() => parseCloudFormationYaml('A: 1\n---\nB: 2\n')).toThrow(/invalid CloudFormation YAML/);
  });

  it('rejects a template that is not a mapping', () => {
    expect(() => parseCloudFormationYaml('- a\n- b\n')).toThrow(/must be a mapping/);
  });
});
