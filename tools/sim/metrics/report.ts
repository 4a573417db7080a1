import type { Metrics } from './metrics.js';

const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'inf');
const fraction = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'nan');
const percent = (n: number) => n.toFixed(1);

/** The per-archetype table the engineers tune against: how each kind of finding fared. */
export function archetypeTable(metrics: Metrics): string {
  const header = [
    'finding kind',
    'in',
    'suppressed',
    'by global',
    'raised',
    'correlated',
    'vetoed',
    'no pattern',
    'no verdict',
    'suppressed %',
  ];
  const rows = metrics.rows.map((r) => [
    r.group,
    String(r.findings),
    String(r.suppressed),
    String(r.suppressedGlobal),
    String(r.raised),
    String(r.raisedCorrelated),
    String(r.raisedVetoed),
    String(r.raisedUncovered),
    String(r.noVerdict),
    percent(r.findings === 0 ? 0 : (100 * r.suppressed) / r.findings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const vetoes = metrics.rows
    .filter((r) => r.vetoExample !== null)
    .map((r) => `  ${r.group}: ${r.vetoExample}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(vetoes.length > 0 ? ['', 'A vetoed one of each kind:', ...vetoes] : []),
  ].join('\n');
}

/** The summary lines, the last one machine-readable (issue 6, "Must show"). */
export function summary(metrics: Metrics): string[] {
  const m = metrics;
  const lines = [
    `Measurement phase: ${m.findings} findings (${m.versions} versions pushed), ${m.casesRaised} cases raised`,
    `Noise ratio        ${ratio(m.noiseRatio)} findings per case; label oracle ${ratio(m.oracleRatio)} ` +
      `(${m.oracleCases} cases); ratio vs oracle ${fraction(m.ratioVsOracle)} (target >= 0.90)`,
    `Benign suppressed  ${percent(m.benignSuppressedPct)} % (${m.benignSuppressed}/${m.benign}; target >= 97 %); ` +
      `${m.benignCorrelated} benign re-labelled RAISED by retro-correlation`,
    `Attacks surfaced   ${m.surfaced}/${m.hostile} attacks, hard negatives and precursors (target: all)`,
    `Cold start         late tenant, first day: ${percent(m.coldstart.pct)} % of its ${m.coldstart.findings} benign ` +
      `findings suppressed by global patterns (target >= 70 %)`,
  ];
  for (const miss of m.missed) {
    lines.push(`  missed: ${miss.group} of ${miss.tenant} (${miss.verdict ?? 'no verdict'}) ${miss.id}`);
  }
  lines.push(
    `noise_ratio=${ratio(m.noiseRatio)} oracle_ratio=${ratio(m.oracleRatio)} ratio_vs_oracle=${fraction(m.ratioVsOracle)} ` +
      `benign_suppressed_pct=${percent(m.benignSuppressedPct)} attacks_surfaced=${m.surfaced}/${m.hostile} ` +
      `coldstart_suppressed_pct=${percent(m.coldstart.pct)} findings=${m.findings}`,
  );
  return lines;
}
