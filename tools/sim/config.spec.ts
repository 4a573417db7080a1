import { simConfig } from './config.js';

describe('simConfig', () => {
  it('has defaults for a run of a few minutes', () => {
    expect(simConfig({})).toEqual({
      seed: 1,
      tenants: 4,
      learningDays: 5,
      measurementDays: 2,
      findingsPerDay: 200,
      incidentRounds: 1,
      unknowablePerTenantDay: 0.3,
      ticksPerDay: 6,
      groupingWindowMinutes: 240,
      settleMs: 2000,
      poolWaitSeconds: 45,
      poolingEverySeconds: 10,
    });
  });

  it('reads the knobs from the environment', () => {
    const c = simConfig({
      SIM_TENANTS: '6',
      SIM_SEED: '99',
      SIM_UNKNOWABLE_RATE: '0.5',
      SIM_FINDINGS_PER_DAY: '',
    });
    expect([c.tenants, c.seed, c.unknowablePerTenantDay, c.findingsPerDay]).toEqual([6, 99, 0.5, 200]);
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => simConfig({ SIM_TENANTS: '2' })).toThrow(
      'SIM_TENANTS must be an integer from 3 to 15, got "2"',
    );
    expect(() => simConfig({ SIM_LEARNING_DAYS: 'many' })).toThrow(/^SIM_LEARNING_DAYS must be an integer/);
    expect(() => simConfig({ SIM_UNKNOWABLE_RATE: '2' })).toThrow(
      'SIM_UNKNOWABLE_RATE must be a number from 0 to 1',
    );
  });
});
