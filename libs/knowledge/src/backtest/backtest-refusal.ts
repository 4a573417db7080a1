import { ErrorCode, SieveException } from '@sieve/core';
import { type BacktestReport, isClean } from './backtest-report.js';

/**
 * Refuses to activate a pattern whose backtest matched findings marked TRUE_POSITIVE (PATTERN_BACKTEST_FAILED,
 * naming how many and which), whoever asks: the learning job, an approval, an activation by hand.
 */
export function assertCleanBacktest(reference: string, report: BacktestReport): void {
  if (isClean(report)) return;
  const n = report.truePositives;
  const listed = report.truePositiveFindings.map((t) => t.findingId);
  throw new SieveException(
    ErrorCode.PatternBacktestFailed,
    `Pattern ${reference} would hide ${n} finding${n === 1 ? '' : 's'} marked TRUE_POSITIVE ` +
      `(${listed.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}): activation refused`,
    { truePositives: n, findingIds: listed },
  );
}
