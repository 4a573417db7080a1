/**
 * Known-good matcher benchmark (issue 6): per-finding match time of the compiled, indexed matcher at 10,
 * 10,000 and 1,000,000 active patterns, beside a linear scan over the same compiled patterns in the same
 * run (`LinearScan`: no index, every pattern checked), and the time to build (= reload) the index of
 * 1,000,000 patterns. In memory only: the matcher a worker holds, with no database in the measured path.
 * Timed per finding, each finding judged once (cold, as in production), after a warm-up on other findings.
 *
 *   npm run bench:matcher
 *
 * Knobs (environment): BENCH_MATCHER_FINDINGS (findings timed per size on the index, default 20000),
 * BENCH_MATCHER_BASELINE (findings timed on the linear scan at 1M, default 500). The last line is
 * machine-readable.
 */
import { LinearScan, type PatternRecord, PatternIndex, type ScopeView, judgeFinding } from '@sieve/knowledge';
import { type BenchFinding, generateFindings, generatePatterns } from './matcher-workload.js';
import { percentile } from './stats.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const FINDINGS = int('BENCH_MATCHER_FINDINGS', 20_000);
const BASELINE_AT_1M = int('BENCH_MATCHER_BASELINE', 500);
const SIZES = [10, 10_000, 1_000_000];
const NOW = Date.parse('2027-01-15T00:00:00Z');

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const us = (ns: bigint) => Number(ns) / 1_000;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** Runs `run` on each finding, timing each call; returns the times (µs) and the results. */
function timeEach<R>(
  findings: readonly BenchFinding[],
  run: (f: BenchFinding) => R,
): { times: number[]; results: R[] } {
  const times = new Array<number>(findings.length);
  const results = new Array<R>(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const started = process.hrtime.bigint();
    results[i] = run(findings[i]);
    times[i] = us(process.hrtime.bigint() - started);
  }
  return { times, results };
}

interface SizeResult {
  size: number;
  buildS: number;
  p50: number;
  p99: number;
  max: number;
  baselineP50: number;
  baselineP99: number;
  matched: number;
}

function measure(all: readonly PatternRecord[], size: number): SizeResult {
  const patterns = all.slice(0, size);
  const built = process.hrtime.bigint();
  const index = PatternIndex.build(patterns);
  const buildS = us(process.hrtime.bigint() - built) / 1e6;
  if (index.size !== patterns.length) throw new Error(`${patterns.length - index.size} patterns rejected`);
  const scopes: ScopeView[] = [{ index, earlierHits: () => 0 }];
  const judge = (f: BenchFinding) => judgeFinding(scopes, f, NOW).outcome;

  // Warm-up (JIT, inline caches) on findings of their own: every timed finding is judged the first time.
  timeEach(generateFindings(patterns, 2_000, 7 + size), judge);
  const findings = generateFindings(patterns, FINDINGS, 60 + size);
  const { times, results: outcomes } = timeEach(findings, judge);
  const matched = outcomes.filter((o) => o.kind === 'MATCH').length;

  // The baseline and the index must agree on every finding the baseline judges.
  const baselineCount = size >= 1_000_000 ? BASELINE_AT_1M : Math.min(FINDINGS, 2_000);
  const linear = new LinearScan(patterns);
  const scan = (f: BenchFinding) => linear.best(f.findingType, f.fingerprint, NOW);
  timeEach(generateFindings(patterns, 20, 8 + size), scan);
  const { times: baseline, results: expected } = timeEach(findings.slice(0, baselineCount), scan);
  expected.forEach((record, i) => {
    const outcome = outcomes[i];
    const actual = outcome.kind === 'MATCH' ? outcome.match.patternId : undefined;
    if (record?.id !== actual) throw new Error(`index and linear scan disagree: ${actual} vs ${record?.id}`);
  });
  return {
    size,
    buildS,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: Math.max(...times),
    baselineP50: percentile(baseline, 50),
    baselineP99: percentile(baseline, 99),
    matched,
  };
}

function main(): void {
  log(`generating ${fmt(SIZES.at(-1)!)} patterns over ~150 finding types`);
  const generated = process.hrtime.bigint();
  const patterns = generatePatterns(SIZES.at(-1)!);
  log(`generated in ${fmt(us(process.hrtime.bigint() - generated) / 1e6, 2)} s`);

  const results: SizeResult[] = [];
  for (const size of SIZES) {
    const r = measure(patterns, size);
    results.push(r);
    log(
      `${fmt(size)} patterns: build ${fmt(r.buildS, 3)} s; index p50 ${fmt(r.p50, 2)} µs, p99 ${fmt(r.p99, 2)} µs, ` +
        `max ${fmt(r.max)} µs over ${fmt(FINDINGS)} findings (${fmt((100 * r.matched) / FINDINGS)} % suppressed); ` +
        `linear scan p50 ${fmt(r.baselineP50, 2)} µs, p99 ${fmt(r.baselineP99, 2)} µs`,
    );
  }

  // Reload: what a worker does when the set changes (the first build above also paid for warm-up).
  const reloadStarted = process.hrtime.bigint();
  const reloaded = PatternIndex.build(patterns);
  const reloadS = us(process.hrtime.bigint() - reloadStarted) / 1e6;
  log(
    `reload of ${fmt(reloaded.size)} patterns: ${fmt(reloadS, 3)} s; heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20, 0)} MiB`,
  );

  const m = results.at(-1)!;
  const speedup = m.baselineP99 / m.p99;
  log(
    `at 1M: index p99 ${fmt(m.p99, 2)} µs vs linear p99 ${fmt(m.baselineP99, 0)} µs = ${fmt(speedup, 0)}× ` +
      `(p50 ${fmt(m.baselineP50 / m.p50, 0)}×); flat from 10 to 1M: p99 ${results.map((r) => fmt(r.p99, 2)).join(' / ')} µs`,
  );
  console.log(
    `p50_us_1m=${m.p50.toFixed(2)} p99_us_1m=${m.p99.toFixed(2)} baseline_p99_us_1m=${m.baselineP99.toFixed(0)} ` +
      `speedup_1m=${speedup.toFixed(0)} build_s_1m=${m.buildS.toFixed(2)}`,
  );
}

main();
