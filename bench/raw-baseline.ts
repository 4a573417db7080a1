import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { benchFinding } from './asff.js';

const run = promisify(execFile);

export interface RawBaseline {
  rows: number;
  avgRowBytes: number;
  psqlCopyPerS: number | null;
  insertRecordsetPerS: number;
  /** The faster of the two, used as the baseline. */
  bestPerS: number;
  method: string;
}

/**
 * What PostgreSQL alone does with the same rows: a table with a primary key and a jsonb column holding the
 * same ~3.4 KB raw JSON per finding (PLATFORM.md's baseline). Measured two ways, the faster is the baseline:
 * `psql \copy ... FROM <csv>` (the file is written before the clock starts) and
 * `INSERT ... SELECT FROM jsonb_to_recordset($1)` in batches of 2,000 through `pg`.
 */
export async function measureRawBaseline(
  owner: pg.Client,
  ownerUrl: string,
  accountId: string,
  rows: number,
): Promise<RawBaseline> {
  await owner.query(`CREATE TABLE bench_raw (id text PRIMARY KEY, raw jsonb NOT NULL)`);
  const records = Array.from({ length: rows }, (_, n) => {
    const f = benchFinding(accountId, 'raw', n);
    return { id: f.Id as string, raw: JSON.stringify(f) };
  });
  const avgRowBytes = Math.round(records.reduce((s, r) => s + Buffer.byteLength(r.raw), 0) / rows);

  // 1. psql \copy from a CSV file.
  let psqlCopyPerS: number | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'sieve-bench-'));
  try {
    const file = join(dir, 'raw.csv');
    const csv = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(file, records.map((r) => `${csv(r.id)},${csv(r.raw)}\n`).join(''));
    const started = performance.now();
    await run('psql', [
      ownerUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-qc',
      `\\copy bench_raw (id, raw) FROM '${file}' WITH (FORMAT csv)`,
    ]);
    const seconds = (performance.now() - started) / 1000;
    const { rows: counted } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_raw`);
    if (counted[0].n !== rows) throw new Error(`\\copy loaded ${counted[0].n}/${rows} rows`);
    psqlCopyPerS = rows / seconds;
  } catch (error) {
    console.warn(`psql \\copy baseline unavailable: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // 2. Multi-row INSERT ... SELECT FROM jsonb_to_recordset($1), 2,000 rows per statement.
  await owner.query(`TRUNCATE bench_raw`);
  const batches: string[] = [];
  for (let i = 0; i < rows; i += 2000) {
    batches.push(
      `[${records
        .slice(i, i + 2000)
        .map((r) => `{"id":${JSON.stringify(r.id)},"raw":${r.raw}}`)
        .join(',')}]`,
    );
  }
  const started = performance.now();
  for (const batch of batches) {
    await owner.query(
      `INSERT INTO bench_raw (id, raw) SELECT id, raw FROM jsonb_to_recordset($1::jsonb) AS r(id text, raw jsonb)`,
      [batch],
    );
  }
  const insertRecordsetPerS = rows / ((performance.now() - started) / 1000);
  await owner.query(`DROP TABLE bench_raw`);

  const usePsql = psqlCopyPerS !== null && psqlCopyPerS >= insertRecordsetPerS;
  return {
    rows,
    avgRowBytes,
    psqlCopyPerS,
    insertRecordsetPerS,
    bestPerS: usePsql ? psqlCopyPerS! : insertRecordsetPerS,
    method: usePsql
      ? 'psql \\copy (CSV)'
      : 'INSERT ... SELECT FROM jsonb_to_recordset (2,000 rows/statement)',
  };
}
