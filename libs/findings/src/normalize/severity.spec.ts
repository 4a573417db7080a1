import { SEVERITY_LABELS } from './normalized-finding.js';
import {
  guardDutyNormalized,
  guardDutySeverityLabel,
  labelFromNormalized,
  normalizedFromLabel,
} from './severity.js';

describe('GuardDuty severity levels', () => {
  it.each([
    [1.0, 'LOW'],
    [3.9, 'LOW'],
    [3.95, 'LOW'],
    [4.0, 'MEDIUM'],
    [6.9, 'MEDIUM'],
    [7.0, 'HIGH'],
    [8.9, 'HIGH'],
    [9.0, 'CRITICAL'],
    [10.0, 'CRITICAL'],
  ])('%p is %s', (severity, label) => {
    expect(guardDutySeverityLabel(severity)).toBe(label);
    // Ten times the GuardDuty value falls in the ASFF band of the same label.
    expect(labelFromNormalized(guardDutyNormalized(severity))).toBe(label);
  });
});

describe('ASFF Normalized → Label', () => {
  it.each([
    [0, 'INFORMATIONAL'],
    [1, 'LOW'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [69, 'MEDIUM'],
    [70, 'HIGH'],
    [89, 'HIGH'],
    [90, 'CRITICAL'],
    [100, 'CRITICAL'],
  ])('%p is %s', (normalized, label) => {
    expect(labelFromNormalized(normalized)).toBe(label);
  });

  it('fills Normalized from a label the way Security Hub does', () => {
    expect(SEVERITY_LABELS.map(normalizedFromLabel)).toEqual([0, 1, 40, 70, 90]);
  });
});
