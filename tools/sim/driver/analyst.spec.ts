import type { FindingLabel } from '../scenario/labels.js';
import { dispositionFor, unrelatedToIncident } from './analyst.js';

const scanner: FindingLabel = { category: 'benign', archetype: 'internet-scanner' };
const office: FindingLabel = { category: 'tenant-benign', behaviour: 'office-api' };
const travel: FindingLabel = { category: 'unknowable-benign' };

describe('dispositionFor', () => {
  it('teaches the system from a benign case', () => {
    expect(dispositionFor([scanner, office, travel])).toMatchObject({
      disposition: 'BENIGN_EXPECTED',
      learn: true,
    });
  });

  it.each<FindingLabel>([
    { category: 'attack', kind: 'crypto-mining', incident: 'i' },
    { category: 'precursor', kind: 'crypto-mining', incident: 'i' },
    { category: 'hard-negative', kind: 'untagged-mining', incident: 'j' },
  ])('calls a case with any %o in it a true positive, and never learns it as benign', (hostile) => {
    expect(dispositionFor([scanner, hostile, scanner])).toMatchObject({
      disposition: 'TRUE_POSITIVE',
      learn: false,
    });
  });

  it('splits the benign findings out of a true-positive case, and nothing out of a benign one', () => {
    const mining: FindingLabel = { category: 'attack', kind: 'crypto-mining', incident: 'i' };
    expect(unrelatedToIncident(['a', 'b', 'c'], [scanner, mining, office])).toEqual(['a', 'c']);
    expect(unrelatedToIncident(['a', 'b'], [scanner, office])).toEqual([]);
    expect(unrelatedToIncident(['b'], [mining])).toEqual([]);
  });
});
