import { Random } from '../random.js';
import { CHAIN_NODE_IMAGE, SCANNER_IMAGE, tenantWorld } from '../scenario/world.js';
import { identifiersOf, poolLeaks } from './pool-leaks.js';

const worlds = [0, 1].map((i) => tenantWorld(new Random(7).fork(`world/${i}`), i, false));
const [t1, t2] = worlds;

/** A pooled pattern as the pool writes one: generalised features only. */
const clean = {
  reference: 'G-1',
  node: {
    name: 'Pooled: Recon:EC2/Portscan where direction = OUTBOUND ∧ resourceImage = ' + SCANNER_IMAGE,
    findingType: 'Recon:EC2/Portscan',
    predicates: [
      { feature: 'resourceImage', op: 'equals', value: SCANNER_IMAGE },
      { feature: 'resourceEnvironment', op: 'equals', value: 'production' },
      { feature: 'remoteScope', op: 'equals', value: 'public' },
      { op: 'tagPresent', key: 'Team' },
    ],
    support: { findings: 40, countries: ['US'], asns: [398324] },
  },
};

describe('scanning the pool for tenant identifiers', () => {
  it('finds nothing in generalised patterns: public images, vocabulary words, conventional tag keys', () => {
    expect(poolLeaks(worlds, [clean])).toEqual([]);
  });

  it('finds each kind of identifier, wherever in the pattern it hides', () => {
    const leaky = [
      { reference: 'G-2', node: { ...clean.node, description: `seen on ${t1.bastion.id}` } },
      {
        reference: 'G-3',
        node: {
          ...clean.node,
          predicates: [{ feature: 'resourceImage', op: 'equals', value: t2.bastion.imageId }],
        },
      },
      { reference: 'G-4', node: { ...clean.node, support: { principals: [t1.ciRole.name.toUpperCase()] } } },
      {
        reference: 'G-5',
        node: { ...clean.node, predicates: [{ op: 'tagEquals', key: 'Team', value: 'security' }] },
      },
      { reference: 'G-6', node: { ...clean.node, name: `from ${t2.office!.block}.77` } },
    ];
    const found = poolLeaks(worlds, leaky).map((l) => `${l.pattern} ${l.tenant} ${l.kind}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'G-2 t1 instance id',
        'G-3 t2 own image',
        'G-4 t1 role',
        'G-5 t1 tag value',
        'G-5 t2 tag value',
        'G-6 t2 office network',
      ]),
    );
  });

  it('counts a team name only as a whole value, not inside another word', () => {
    const inside = {
      reference: 'G-7',
      node: { ...clean.node, description: 'Security Hub control on website buckets' },
    };
    expect(poolLeaks(worlds, [inside])).toEqual([]);
  });

  it('lists the tenant-owned values, not the public appliance images', () => {
    const values = identifiersOf(t1).map((i) => i.value);
    expect(values).toEqual(
      expect.arrayContaining([t1.accountId, t1.slug, t1.bastion.imageId, t1.vulnScanner.id]),
    );
    expect(values).not.toContain(SCANNER_IMAGE);
    expect(values).not.toContain(CHAIN_NODE_IMAGE);
  });
});
