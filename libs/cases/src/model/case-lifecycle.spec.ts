import { ErrorCode, SieveException } from '@sieve/core';
import {
  CASE_TRANSITIONS,
  acknowledges,
  assertTransition,
  canTransition,
  isReopen,
} from './case-lifecycle.js';
import { CaseStatus } from './case-status.js';

const ALL = Object.values(CaseStatus);
const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe('case lifecycle', () => {
  it('follows the main path NEW → ACKNOWLEDGED → INVESTIGATING → CONTAINMENT → RESOLVED → CLOSED', () => {
    const path = [
      CaseStatus.NEW,
      CaseStatus.ACKNOWLEDGED,
      CaseStatus.INVESTIGATING,
      CaseStatus.CONTAINMENT,
      CaseStatus.RESOLVED,
      CaseStatus.CLOSED,
    ];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it.each([
    ['back to NEW', (from: CaseStatus, to: CaseStatus) => to === CaseStatus.NEW],
    ['to the status it is in', (from: CaseStatus, to: CaseStatus) => from === to],
    [
      'to CLOSED without being RESOLVED',
      (from: CaseStatus, to: CaseStatus) => to === CaseStatus.CLOSED && from !== CaseStatus.RESOLVED,
    ],
    [
      'from CLOSED anywhere but a reopen',
      (from: CaseStatus, to: CaseStatus) => from === CaseStatus.CLOSED && to !== CaseStatus.INVESTIGATING,
    ],
    [
      'from RESOLVED to a working status other than INVESTIGATING',
      (from: CaseStatus, to: CaseStatus) =>
        from === CaseStatus.RESOLVED &&
        [CaseStatus.ACKNOWLEDGED, CaseStatus.CONTAINMENT, CaseStatus.PENDING_CUSTOMER].includes(to),
    ],
    [
      'back to ACKNOWLEDGED once work started',
      (from: CaseStatus, to: CaseStatus) => to === CaseStatus.ACKNOWLEDGED && from !== CaseStatus.NEW,
    ],
  ])('refuses every change %s, with INVALID_CASE_TRANSITION naming both statuses', (_what, illegal) => {
    const refused = pairs.filter(([from, to]) => illegal(from, to));
    expect(refused.length).toBeGreaterThan(0);
    for (const [from, to] of refused) {
      expect(canTransition(from, to)).toBe(false);
      let error: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SieveException);
      expect(error).toMatchObject({ code: ErrorCode.InvalidCaseTransition, details: { from, to } });
      expect((error as Error).message).toContain(`from ${from} to ${to}`);
    }
  });

  it('allows exactly the listed transitions', () => {
    const allowed = pairs.filter(([from, to]) => canTransition(from, to));
    expect(allowed).toHaveLength(
      Object.values(CASE_TRANSITIONS).reduce((n, targets) => n + targets.length, 0),
    );
    for (const [from, to] of allowed) expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('reopens RESOLVED and CLOSED cases to INVESTIGATING only', () => {
    expect(pairs.filter(([from, to]) => isReopen(from, to))).toEqual([
      [CaseStatus.RESOLVED, CaseStatus.INVESTIGATING],
      [CaseStatus.CLOSED, CaseStatus.INVESTIGATING],
    ]);
  });

  it('counts every working status but PENDING_CUSTOMER as an acknowledgement', () => {
    expect(ALL.filter(acknowledges)).toEqual([
      CaseStatus.ACKNOWLEDGED,
      CaseStatus.INVESTIGATING,
      CaseStatus.CONTAINMENT,
      CaseStatus.RESOLVED,
      CaseStatus.CLOSED,
    ]);
  });
});
