import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Fingerprint, Predicate } from '../patterns/predicate.js';
import { VetoKind } from './match-result.js';
import { constraintMask, noveltyVetoes } from './novelty-vetoes.js';

const CI_LOGIN = {
  principalKind: 'ci-oidc',
  apiAction: 'sts:AssumeRoleWithWebIdentity',
  userAgentFamily: 'aws-sdk-js-v3',
  remoteCountry: 'US',
  remoteAsn: 8075,
  remoteHosting: true,
  remoteHostingProvider: 'Microsoft Azure',
  remoteTor: false,
  resourceTagged: true,
  localPorts: [] as string[],
  newCountry: false,
  newAsn: false,
  newUserAgentFamily: false,
  historyBaseline: true,
} satisfies Fingerprint;

const SUPPORT: PatternSupport = {
  findings: 40,
  countries: ['US'],
  asns: [8075],
  userAgentFamilies: ['aws-sdk-js-v3'],
  apiActions: ['sts:AssumeRoleWithWebIdentity', 's3:PutObject'],
  localPorts: ['22', '443'],
  hostingProviders: ['Microsoft Azure'],
  tagged: true,
};

function vetoes(
  patch: Partial<Record<keyof typeof CI_LOGIN, unknown>>,
  opts: {
    support?: PatternSupport | null;
    predicates?: Predicate[];
    severity?: string;
    allowCritical?: boolean;
  } = {},
) {
  const fingerprint = Object.fromEntries(
    Object.entries({ ...CI_LOGIN, ...patch }).filter(([, v]) => v !== undefined),
  ) as Fingerprint;
  return noveltyVetoes(
    {
      allowCritical: opts.allowCritical ?? false,
      support: opts.support === undefined ? SUPPORT : opts.support,
      constrains: constraintMask(
        opts.predicates ?? [{ feature: 'principalKind', op: 'equals', value: 'ci-oidc' }],
      ),
    },
    { findingType: 'UnauthorizedAccess:IAMUser/X', severityLabel: opts.severity ?? 'MEDIUM', fingerprint },
  );
}

describe('novelty vetoes', () => {
  it('lets a finding inside the support through', () => {
    expect(vetoes({})).toEqual([]);
  });

  it('vetoes a country new for the principal, and says which', () => {
    expect(vetoes({ remoteCountry: 'DE', newCountry: true })).toEqual([
      {
        kind: VetoKind.NEW_COUNTRY,
        feature: 'remoteCountry',
        value: 'DE',
        reason: 'new country DE for this principal',
      },
    ]);
  });

  it("waives the history vetoes on a principal's first sighting (no baseline), keeps the others", () => {
    const firstSighting = {
      remoteCountry: 'DE',
      newCountry: true,
      remoteAsn: 3320,
      newAsn: true,
      userAgentFamily: 'boto3',
      newUserAgentFamily: true,
      historyBaseline: false,
    };
    expect(vetoes({ ...firstSighting, remoteHosting: false })).toEqual([]);
    // A first sighting from a VPS is still raised: the hosting veto does not need a history.
    expect(vetoes({ ...firstSighting, remoteHostingProvider: 'DigitalOcean' }).map((v) => v.kind)).toEqual([
      VetoKind.HOSTING_REMOTE,
    ]);
    // With a baseline, each new value vetoes.
    expect(
      vetoes({ ...firstSighting, remoteHosting: false, historyBaseline: true }).map((v) => v.kind),
    ).toEqual([VetoKind.NEW_COUNTRY, VetoKind.NEW_ASN, VetoKind.NEW_USER_AGENT_FAMILY]);
    // Without history enrichment at all, the flags are trusted as they are.
    expect(
      vetoes({ ...firstSighting, remoteHosting: false, historyBaseline: undefined }).map((v) => v.kind),
    ).toEqual([VetoKind.NEW_COUNTRY, VetoKind.NEW_ASN, VetoKind.NEW_USER_AGENT_FAMILY]);
  });

  it('does not veto a country new for the principal that the support has seen', () => {
    expect(vetoes({ newCountry: true })).toEqual([]);
  });

  it('vetoes an ASN new for the principal', () => {
    expect(vetoes({ remoteAsn: 3320, remoteHosting: false, newAsn: true }).map((v) => v.reason)).toEqual([
      'new ASN AS3320 for this principal',
    ]);
  });

  it('vetoes a user-agent family new for the principal', () => {
    expect(vetoes({ userAgentFamily: 'curl', newUserAgentFamily: true })).toMatchObject([
      { kind: VetoKind.NEW_USER_AGENT_FAMILY, value: 'curl' },
    ]);
  });

  it('vetoes a hosting provider the support did not have (stolen CI credentials used from a VPS)', () => {
    expect(
      vetoes({ remoteAsn: 14061, remoteHostingProvider: 'DigitalOcean', newAsn: true }).map((v) => v.kind),
    ).toEqual([VetoKind.NEW_ASN, VetoKind.HOSTING_REMOTE]);
    expect(vetoes({ remoteAsn: 14061, remoteHostingProvider: 'DigitalOcean' })[0].reason).toBe(
      "remote on hosting provider DigitalOcean (AS14061), not in the pattern's support",
    );
  });

  it('vetoes every hosting remote of a pattern whose support had none, or that has no support', () => {
    expect(vetoes({}, { support: { ...SUPPORT, hostingProviders: [] } })).toMatchObject([
      { kind: VetoKind.HOSTING_REMOTE },
    ]);
    expect(vetoes({}, { support: null })).toMatchObject([{ kind: VetoKind.HOSTING_REMOTE }]);
  });

  it('vetoes a Tor remote unless the support had Tor', () => {
    expect(vetoes({ remoteTor: true, remoteHosting: false })).toMatchObject([
      { kind: VetoKind.TOR_REMOTE, reason: 'remote is a Tor node' },
    ]);
    expect(vetoes({ remoteTor: true, remoteHosting: false }, { support: { ...SUPPORT, tor: true } })).toEqual(
      [],
    );
  });

  it('vetoes an untagged resource where the support was tagged (mining on an untagged instance)', () => {
    expect(vetoes({ resourceTagged: false })).toMatchObject([{ kind: VetoKind.UNTAGGED_RESOURCE }]);
    expect(vetoes({ resourceTagged: false }, { support: { ...SUPPORT, tagged: false } })).toEqual([]);
  });

  it('vetoes a local port the support did not expose (a probe of a port the tenant does not expose)', () => {
    expect(vetoes({ localPorts: ['22', '3389'] })).toEqual([
      {
        kind: VetoKind.PORT_NOT_EXPOSED,
        feature: 'localPorts',
        value: '3389',
        reason: "local port 3389 not exposed in the pattern's support (22, 443)",
      },
    ]);
    expect(vetoes({ localPorts: ['443'] })).toEqual([]);
  });

  it('vetoes an API action outside the support', () => {
    expect(vetoes({ apiAction: 'iam:CreateUser' })).toMatchObject([
      { kind: VetoKind.API_ACTION_OUTSIDE_SUPPORT, value: 'iam:CreateUser' },
    ]);
  });

  it('uses only the history flags when the support records nothing about a signal', () => {
    const bare: PatternSupport = { findings: 3 };
    expect(
      vetoes({ apiAction: 'iam:CreateUser', localPorts: ['3389'], resourceTagged: false }, { support: bare }),
    ).toMatchObject([{ kind: VetoKind.HOSTING_REMOTE }]);
    expect(vetoes({ newCountry: true }, { support: bare }).map((v) => v.kind)).toContain(
      VetoKind.NEW_COUNTRY,
    );
  });

  it('waives a veto on a signal the pattern pins down itself', () => {
    const pinned: Predicate[] = [
      { feature: 'remoteAsn', op: 'asn', asns: [14061] },
      { feature: 'remoteCountry', op: 'in', values: ['DE'] },
      { feature: 'localPorts', op: 'equals', value: '3389' },
      { feature: 'apiAction', op: 'prefix', value: 'iam:' },
      { feature: 'userAgentFamily', op: 'equals', value: 'curl' },
    ];
    const novel = {
      remoteAsn: 14061,
      remoteHostingProvider: 'DigitalOcean',
      newAsn: true,
      remoteCountry: 'DE',
      newCountry: true,
      localPorts: ['3389'],
      apiAction: 'iam:CreateUser',
      userAgentFamily: 'curl',
      newUserAgentFamily: true,
    };
    expect(vetoes(novel, { predicates: pinned })).toEqual([]);
    // `present` says nothing about which values are fine.
    expect(
      vetoes(novel, { predicates: [{ feature: 'remoteCountry', op: 'present' }] }).length,
    ).toBeGreaterThan(3);
  });

  it('never lets a pattern suppress a CRITICAL finding unless it allows CRITICAL', () => {
    expect(vetoes({}, { severity: 'CRITICAL' })).toEqual([
      {
        kind: VetoKind.CRITICAL_SEVERITY,
        feature: null,
        value: null,
        reason: 'CRITICAL finding, and the pattern does not allow CRITICAL',
      },
    ]);
    expect(vetoes({}, { severity: 'CRITICAL', allowCritical: true })).toEqual([]);
  });
});
