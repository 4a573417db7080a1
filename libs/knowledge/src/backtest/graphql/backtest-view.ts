import { type BacktestReport, isClean } from '../backtest-report.js';
import type { PatternBacktestType } from './pattern-backtest.type.js';

export function backtestView(report: BacktestReport): PatternBacktestType {
  return { ...report, clean: isClean(report) };
}
