import type { Fingerprint, Predicate } from '../../patterns/predicate.js';
import { patternRecord } from '../../testing/pattern-record.js';
import { pick, seededRandom, someOf } from '../../testing/seeded-random.js';
import type { PatternRecord } from '../compiled-pattern.js';
import { linearMatching } from '../linear-matcher.js';
import { PatternIndex } from './pattern-index.js';

const NOW = Date.parse('2027-01-15T00:00:00Z');
const TYPES = [
  'Recon:EC2/PortProbeUnprotectedPort',
  'UnauthorizedAccess:IAMUser/ConsoleLogin',
  'Policy:S3/X',
];

/** Small value domains, so that random patterns and fingerprints meet often. */
const DOMAIN = {
  principalName: ['deploy', 'backup', 'scanner', 'alice'],
  userAgentFamily: ['aws-cli', 'boto3', 'terraform'],
  domain: ['updates.vendor.example', 'updates.other.example', 'api.vendor.example', 'cdn.example'],
  domainPrefixes: ['updates.', 'updates.vendor', 'api.', 'cdn.example', 'u'],
  remoteIp: [
    '10.1.2.3',
    '10.1.9.9',
    '10.200.0.1',
    '192.0.2.1',
    '2001:db8::5',
    '2001:db8:1::5',
    '::ffff:10.1.2.3',
  ],
  blocks: [
    '10.0.0.0/8',
    '10.1.0.0/16',
    '10.1.2.0/24',
    '10.1.2.3/32',
    '192.0.2.0/24',
    '2001:db8::/32',
    '2001:db8::/48',
    '0.0.0.0/0',
  ],
  remoteAsn: [8075, 14061, 16509, 24940],
  localPorts: ['22', '80', '443', '3389'],
  tagKeys: ['Environment', 'Team', 'Owner'],
  tags: ['Environment=production', 'Environment=staging', 'Team=payments'],
};

function randomPredicate(random: () => number): Predicate {
  switch (Math.floor(random() * 14)) {
    case 0:
      return { feature: 'principalName', op: 'equals', value: pick(random, DOMAIN.principalName) };
    case 1:
      return { feature: 'userAgentFamily', op: 'in', values: someOf(random, DOMAIN.userAgentFamily) };
    case 2:
      return { feature: 'domain', op: 'prefix', value: pick(random, DOMAIN.domainPrefixes) };
    case 3:
      return { feature: 'remoteIp', op: 'cidr', blocks: someOf(random, DOMAIN.blocks, 0.25) };
    case 4:
      return { feature: 'remoteAsn', op: 'asn', asns: someOf(random, DOMAIN.remoteAsn) };
    case 5: {
      const min = Math.floor(random() * 60);
      return random() < 0.3
        ? { feature: 'localPort', op: 'range', min }
        : { feature: 'localPort', op: 'range', min, max: min + Math.floor(random() * 40) };
    }
    case 6:
      return { feature: 'localPorts', op: 'equals', value: pick(random, DOMAIN.localPorts) };
    case 7:
      return { feature: 'resourceTagged', op: 'equals', value: random() < 0.5 };
    case 8:
      return { op: 'tagPresent', key: pick(random, DOMAIN.tagKeys) };
    case 9:
      return { op: 'tagAbsent', key: pick(random, DOMAIN.tagKeys) };
    case 10:
      return { op: 'tagEquals', key: 'Environment', value: pick(random, ['production', 'staging']) };
    case 11:
      return { feature: pick(random, ['remoteCountry', 'principalName', 'domain']), op: 'absent' };
    case 12:
      return { feature: pick(random, ['remoteCountry', 'userAgentFamily', 'localPort']), op: 'present' };
    default:
      return { feature: 'remoteAsn', op: 'in', values: someOf(random, [...DOMAIN.remoteAsn, '8075']) };
  }
}

function randomFingerprint(random: () => number): Fingerprint {
  const fp: Record<string, string | number | boolean | string[]> = {};
  const maybe = (key: string, value: () => string | number | boolean | string[]) => {
    if (random() < 0.75) fp[key] = value();
  };
  maybe('principalName', () => pick(random, DOMAIN.principalName));
  maybe('userAgentFamily', () => pick(random, DOMAIN.userAgentFamily));
  maybe('domain', () => pick(random, DOMAIN.domain));
  maybe('remoteIp', () => pick(random, DOMAIN.remoteIp));
  maybe('remoteAsn', () => pick(random, DOMAIN.remoteAsn));
  maybe('remoteCountry', () => pick(random, ['US', 'DE']));
  maybe('localPort', () => Math.floor(random() * 100));
  maybe('localPorts', () => someOf(random, DOMAIN.localPorts));
  maybe('resourceTagged', () => random() < 0.5);
  maybe('resourceTagKeys', () => someOf(random, DOMAIN.tagKeys));
  maybe('resourceTags', () => someOf(random, DOMAIN.tags));
  return fp;
}

function randomPatterns(random: () => number, count: number): PatternRecord[] {
  return Array.from({ length: count }, () =>
    patternRecord({
      findingType: pick(random, TYPES),
      predicates: Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomPredicate(random)),
      expiresAt: random() < 0.1 ? new Date(NOW + (random() < 0.5 ? -1 : 1) * 60_000) : null,
      // Creation order is not the order of the list: precedence must not depend on it.
      seq: Math.floor(random() * 1_000_000),
    }),
  );
}

const ids = (list: readonly { id: string }[]) => list.map((p) => p.id);

describe('PatternIndex', () => {
  it('finds exactly what a linear scan finds, in the same precedence, on random patterns (seed 20270115)', () => {
    const random = seededRandom(20270115);
    const records = randomPatterns(random, 3_000);
    const index = PatternIndex.build(records);
    expect(index.size).toBe(records.length);
    let matched = 0;
    const disagreements: unknown[] = [];
    for (let i = 0; i < 4_000; i++) {
      const type = pick(random, TYPES);
      const fp = randomFingerprint(random);
      const expected = ids(linearMatching(records, type, fp, NOW));
      const actual = ids(index.matching(type, fp, NOW).map((p) => p.record));
      if (actual.join() !== expected.join()) disagreements.push({ i, type, fp, actual, expected });
      // The bounded search for the best pattern agrees too, whatever it may accept (vetoes).
      const best = index.best(type, fp, NOW, () => true).best?.record.id;
      if (best !== expected[0]) disagreements.push({ i, type, fp, best, expected: expected[0] });
      const odd = (id: string) => parseInt(id.slice(-1), 16) % 2 === 1;
      const picky = index.best(type, fp, NOW, (p) => odd(p.record.id));
      const expectedPicky = expected.find(odd);
      if (picky.best?.record.id !== expectedPicky) {
        disagreements.push({ i, type, fp, picky: picky.best?.record.id, expected: expectedPicky });
      }
      if (!expectedPicky && ids(picky.rejected.map((p) => p.record)).join() !== expected.join()) {
        disagreements.push({ i, type, fp, rejected: ids(picky.rejected.map((p) => p.record)), expected });
      }
      if (expected.length) matched++;
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The comparison is only meaningful if many fingerprints do match something.
    expect(matched).toBeGreaterThan(1_000);
  }, 30_000);

  it('agrees with a linear scan when tables are large enough for key filters (seed 6)', () => {
    const random = seededRandom(6);
    const records = Array.from({ length: 4_000 }, (_, i) =>
      patternRecord({
        findingType: TYPES[i % 2],
        predicates: [
          [
            { feature: 'principalName', op: 'equals', value: `user-${i}` } as Predicate,
            { feature: 'domain', op: 'prefix', value: `h${i}.` } as Predicate,
            {
              feature: 'remoteIp',
              op: 'cidr',
              blocks: [`10.${i >> 8}.${i & 255}.0/${random() < 0.5 ? 24 : 32}`],
            } as Predicate,
            { feature: 'remoteAsn', op: 'asn', asns: [i] } as Predicate,
          ][i % 4],
          { feature: 'localPort', op: 'range', min: i % 50, max: (i % 50) + 20 },
        ],
      }),
    );
    const index = PatternIndex.build(records);
    const disagreements: unknown[] = [];
    for (let n = 0; n < 4_000; n++) {
      const i = Math.floor(random() * 4_400); // some values no pattern names
      const fp: Record<string, string | number> = {
        principalName: `user-${i}`,
        domain: `h${i}.example`,
        remoteIp: `10.${i >> 8}.${i & 255}.${random() < 0.5 ? 0 : 7}`,
        remoteAsn: i,
        localPort: Math.floor(random() * 80),
      };
      const type = pick(random, TYPES.slice(0, 2));
      const expected = linearMatching(records, type, fp, NOW)[0]?.id;
      const actual = index.best(type, fp, NOW, () => true).best?.record.id;
      if (actual !== expected) disagreements.push({ fp, type, actual, expected });
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
  }, 30_000);

  it('puts the most specific pattern first, then the oldest', () => {
    const broad = patternRecord({
      seq: 1,
      predicates: [{ feature: 'localPorts', op: 'equals', value: '22' }],
    });
    const narrowNew = patternRecord({
      seq: 9,
      predicates: [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'remoteAsn', op: 'asn', asns: [14061] },
      ],
    });
    const narrowOld = patternRecord({
      seq: 3,
      predicates: [
        { feature: 'localPorts', op: 'in', values: ['22', '443'] },
        { feature: 'remoteIp', op: 'cidr', blocks: ['198.51.100.0/24'] },
      ],
    });
    const index = PatternIndex.build([broad, narrowNew, narrowOld]);
    const found = index.matching(
      broad.findingType,
      { localPorts: ['22'], remoteAsn: 14061, remoteIp: '198.51.100.4' },
      NOW,
    );
    expect(found.map((p) => p.reference)).toEqual(['P-3', 'P-9', 'P-1']);
  });

  it('matches only patterns of the finding type, and none that expired', () => {
    const other = patternRecord({
      findingType: 'Other:Type/X',
      predicates: [{ feature: 'domain', op: 'present' }],
    });
    const expired = patternRecord({
      predicates: [{ feature: 'domain', op: 'present' }],
      expiresAt: new Date(NOW - 1),
    });
    const live = patternRecord({
      predicates: [{ feature: 'domain', op: 'present' }],
      expiresAt: new Date(NOW + 1),
    });
    const index = PatternIndex.build([other, expired, live]);
    expect(ids(index.matching(live.findingType, { domain: 'x' }, NOW).map((p) => p.record))).toEqual([
      live.id,
    ]);
  });

  it('keeps patterns it cannot evaluate out of the index and says why', () => {
    const broken = patternRecord({ predicates: [{ feature: 'x', op: 'regex' } as unknown as Predicate] });
    const fine = patternRecord({ predicates: [{ feature: 'domain', op: 'present' }] });
    const index = PatternIndex.build([broken, fine]);
    expect(index.size).toBe(1);
    expect(index.rejected).toEqual([{ id: broken.id, reason: 'unknown predicate op "regex"' }]);
  });

  it('finds patterns with only absences (no anchor) as well', () => {
    const onlyAbsent = patternRecord({ predicates: [{ feature: 'remoteCountry', op: 'absent' }] });
    const index = PatternIndex.build([onlyAbsent]);
    expect(index.matching(onlyAbsent.findingType, {}, NOW)).toHaveLength(1);
    expect(index.matching(onlyAbsent.findingType, { remoteCountry: 'US' }, NOW)).toHaveLength(0);
  });
});
