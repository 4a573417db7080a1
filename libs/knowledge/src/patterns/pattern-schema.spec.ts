import {
  PatternValidationError,
  parsePatternDefinition,
  parsePatternSupport,
  parsePredicates,
  patternJsonSchema,
} from './pattern-schema.js';
import { renderPattern } from './pattern-rendering.js';

const CI = {
  name: 'CI deploys from GitHub Actions',
  findingType: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  predicates: [
    { feature: 'principalKind', op: 'equals', value: 'ci-oidc' },
    { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
    { op: 'asn', asns: [8075] },
  ],
};

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PatternValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('pattern schema', () => {
  it('accepts a pattern and fills the defaults', () => {
    expect(parsePatternDefinition(CI)).toEqual({
      ...CI,
      description: '',
      allowCritical: false,
      confidence: 1,
      predicates: [...CI.predicates.slice(0, 2), { op: 'asn', feature: 'remoteAsn', asns: [8075] }],
    });
  });

  it('renders a pattern on one line', () => {
    expect(renderPattern(parsePatternDefinition(CI))).toBe(
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS where principalKind = ci-oidc ∧ ' +
        'ciProvider = github-actions ∧ remoteAsn ∈ {AS8075}',
    );
    expect(
      renderPattern({
        findingType: 'Recon:EC2/PortProbeUnprotectedPort',
        predicates: parsePredicates([
          { feature: 'localPorts', op: 'in', values: ['22', '443'] },
          { feature: 'localPort', op: 'range', min: 1, max: 1024 },
          { feature: 'remoteIp', op: 'cidr', blocks: ['198.51.100.0/24', '2001:db8::/32'] },
          { feature: 'domain', op: 'prefix', value: 'scan.' },
          { op: 'tagPresent', key: 'Exposed' },
          { op: 'tagEquals', key: 'Environment', value: 'production' },
          { op: 'tagAbsent', key: 'Sensitive' },
          { feature: 'threatCategories', op: 'absent' },
          { feature: 'localPort', op: 'range', max: 80 },
        ]),
      }),
    ).toBe(
      'Recon:EC2/PortProbeUnprotectedPort where localPorts ∈ {22, 443} ∧ 1 ≤ localPort ≤ 1024 ∧ ' +
        'remoteIp ∈ {198.51.100.0/24, 2001:db8::/32} ∧ domain starts with scan. ∧ tag Exposed present ∧ ' +
        'tag Environment = production ∧ tag Sensitive absent ∧ threatCategories absent ∧ localPort ≤ 80',
    );
  });

  it.each([
    [
      'an unknown feature',
      { feature: 'principalNmae', op: 'equals', value: 'x' },
      /^\[0\]\.feature: Invalid option/,
    ],
    [
      'an unknown op',
      { feature: 'domain', op: 'regex', value: '.*' },
      /^\[0\]\.op: Invalid discriminator value. Expected 'equals' \| 'in'/,
    ],
    [
      'a malformed CIDR block',
      { op: 'cidr', blocks: ['10.0.0.0/33'] },
      /^\[0\]\.blocks\[0\]: not a CIDR block/,
    ],
    ['a range without bounds', { feature: 'localPort', op: 'range' }, /^\[0\]: range needs min or max$/],
    [
      'an inverted range',
      { feature: 'localPort', op: 'range', min: 9, max: 1 },
      /^\[0\]: range min is above max$/,
    ],
    [
      'a range on a text feature',
      { feature: 'domain', op: 'range', min: 1 },
      /^\[0\]: range does not apply to domain/,
    ],
    [
      'a CIDR on a non-address feature',
      { feature: 'domain', op: 'cidr', blocks: ['10.0.0.0/8'] },
      /cidr does not apply to domain/,
    ],
    [
      'a number where text is held',
      { feature: 'localPorts', op: 'in', values: [22] },
      /^\[0\]: localPorts holds strings, not 22$/,
    ],
    [
      'text where a number is held',
      { feature: 'remoteAsn', op: 'equals', value: 'AS8075' },
      /remoteAsn holds numbers/,
    ],
    ['an empty in-set', { feature: 'domain', op: 'in', values: [] }, /^\[0\]\.values: Too small/],
    ['an extra field', { feature: 'domain', op: 'present', value: 1 }, /^\[0\]: Unrecognized key: "value"$/],
    ['an ASN out of range', { op: 'asn', asns: [-1] }, /^\[0\]\.asns\[0\]: Too small/],
  ])('refuses %s with a readable issue', (_what, predicate, issue) => {
    const issues = issuesOf(() => parsePredicates([predicate]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(issue);
  });

  it('refuses a pattern without predicates, and reports every issue with its path', () => {
    expect(issuesOf(() => parsePatternDefinition({ ...CI, predicates: [] }))).toEqual([
      'predicates: a pattern needs at least one predicate (a pattern on the type alone would hide every finding of it)',
    ]);
    expect(
      issuesOf(() =>
        parsePatternDefinition({ ...CI, name: ' ', confidence: 1.5, expiresAt: 'tomorrow', owner: 'x' }),
      ),
    ).toEqual([
      'name: Too small: expected string to have >=1 characters',
      'confidence: Too big: expected number to be <=1',
      'expiresAt: Invalid ISO datetime',
      'Unrecognized key: "owner"',
    ]);
  });

  it('validates the support summary', () => {
    expect(parsePatternSupport({ findings: 3, localPorts: ['22'], tagged: true })).toEqual({
      findings: 3,
      localPorts: ['22'],
      tagged: true,
    });
    expect(issuesOf(() => parsePatternSupport({ findings: 3, localPorts: [22] }))).toEqual([
      'localPorts[0]: Invalid input: expected string, received number',
    ]);
  });

  it('publishes the language as a JSON Schema', () => {
    const schema = patternJsonSchema() as {
      $schema: string;
      required: string[];
      properties: { predicates: { items: { oneOf: { properties: { op: { const: string } } }[] } } };
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['name', 'findingType', 'predicates']);
    expect(schema.properties.predicates.items.oneOf.map((o) => o.properties.op.const)).toEqual([
      'equals',
      'in',
      'prefix',
      'range',
      'cidr',
      'asn',
      'present',
      'absent',
      'tagPresent',
      'tagAbsent',
      'tagEquals',
    ]);
  });
});
