import { FaultInjector } from './fault-injector.js';

const kinds = (injector: FaultInjector, count: number, operation = 'GetFindings', account = '111111111111') =>
  Array.from({ length: count }, () => injector.decide(operation, account).kind);

describe('FaultInjector', () => {
  it('injects nothing by default', () => {
    expect(kinds(new FaultInjector(), 3)).toEqual(['none', 'none', 'none']);
  });

  it('applies ratios deterministically, starting with a fault', () => {
    const injector = new FaultInjector();
    injector.set({ throttleRatio: 0.5 });
    expect(kinds(injector, 6)).toEqual(['throttle', 'none', 'throttle', 'none', 'throttle', 'none']);
    injector.set({ serverErrorRatio: 0.25 });
    expect(kinds(injector, 8).filter((kind) => kind === 'serverError')).toHaveLength(2);
  });

  it('hits the exact fraction over many requests', () => {
    const injector = new FaultInjector();
    injector.set({ throttleRatio: 0.7 });
    expect(kinds(injector, 1000).filter((kind) => kind === 'throttle')).toHaveLength(700);
  });

  it('only affects the operations and accounts in scope', () => {
    const injector = new FaultInjector();
    injector.set({
      throttleRatio: 1,
      latencyMs: 50,
      operations: ['GetFindings'],
      accountIds: ['222222222222'],
    });
    expect(kinds(injector, 1, 'GetFindings', '111111111111')).toEqual(['none']);
    expect(kinds(injector, 1, 'LookupEvents', '222222222222')).toEqual(['none']);
    expect(kinds(injector, 1, 'GetFindings', '222222222222')).toEqual(['throttle']);
    expect(injector.latencyFor('GetFindings', '222222222222')).toBe(50);
    expect(injector.latencyFor('GetFindings', '111111111111')).toBe(0);
  });

  it('answers server errors with the configured status and forgets everything on reset', () => {
    const injector = new FaultInjector();
    injector.set({ serverErrorRatio: 1, serverErrorStatus: 503, deletedRoleArns: ['arn:aws:iam::1:role/R'] });
    expect(injector.decide('GetFindings', '1')).toEqual({ kind: 'serverError', status: 503 });
    expect(injector.isRoleDeleted('arn:aws:iam::1:role/R')).toBe(true);
    injector.reset();
    expect(injector.current()).toEqual({});
    expect(injector.isRoleDeleted('arn:aws:iam::1:role/R')).toBe(false);
  });
});
