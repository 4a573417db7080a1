import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type IpAddress, parseIp } from './ip-address.js';

/** What an IP range database says about an address; any field may be unknown. */
export interface IpRangeInfo {
  asn?: number;
  asnOrg?: string;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string;
}

/**
 * Looks an address up in IP range data (ASN, organisation, country). Synchronous: implementations load
 * their data up front. The real data comes from `@ip-location-db/*` packages (see `loadIpLocationDb`);
 * tests use an `IpRangeTable` built from a few rows.
 */
export interface IpRangeDataset {
  readonly name: string;
  lookup(ip: string): IpRangeInfo | undefined;
}

/** DI token for the dataset the ip-intel enricher falls back on when the finding has no ASN / country. */
export const IP_RANGE_DATASET = Symbol('IP_RANGE_DATASET');

export interface IpRangeRow extends IpRangeInfo {
  /** First address, as text (`1.0.0.0`, `2001:200::`) or as a decimal number (the `-num.csv` files). */
  start: string;
  /** Last address, inclusive. */
  end: string;
}

/** No data: every lookup is unknown (the default until a real dataset is wired). */
export class EmptyIpRangeDataset implements IpRangeDataset {
  readonly name = 'none';
  lookup(): undefined {
    return undefined;
  }
}

interface FamilyTable {
  starts: bigint[];
  ends: bigint[];
  infos: IpRangeInfo[];
}

/**
 * Sorted, non-overlapping inclusive ranges with binary search: O(log n) per lookup. The ~400,000 IPv4 and
 * ~150,000 IPv6 rows of the ASN package take a few tens of MB this way; organisation names are shared.
 */
export class IpRangeTable implements IpRangeDataset {
  private readonly tables: Record<4 | 6, FamilyTable>;

  constructor(
    readonly name: string,
    rows: Iterable<IpRangeRow>,
  ) {
    const byFamily: Record<4 | 6, { start: bigint; end: bigint; info: IpRangeInfo }[]> = { 4: [], 6: [] };
    const orgs = new Map<string, string>();
    for (const row of rows) {
      const start = rangeBound(row.start);
      const end = rangeBound(row.end);
      if (!start || !end || start.family !== end.family || end.value < start.value) {
        throw new Error(`${name}: bad range ${row.start}–${row.end}`);
      }
      const info: IpRangeInfo = {};
      if (row.asn !== undefined) info.asn = row.asn;
      if (row.asnOrg) info.asnOrg = orgs.get(row.asnOrg) ?? (orgs.set(row.asnOrg, row.asnOrg), row.asnOrg);
      if (row.countryCode) info.countryCode = row.countryCode;
      byFamily[start.family].push({ start: start.value, end: end.value, info });
    }
    const table = (family: 4 | 6): FamilyTable => {
      const sorted = byFamily[family].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      return {
        starts: sorted.map((r) => r.start),
        ends: sorted.map((r) => r.end),
        infos: sorted.map((r) => r.info),
      };
    };
    this.tables = { 4: table(4), 6: table(6) };
  }

  get size(): number {
    return this.tables[4].starts.length + this.tables[6].starts.length;
  }

  lookup(ip: string): IpRangeInfo | undefined {
    const address = parseIp(ip);
    return address ? this.lookupAddress(address) : undefined;
  }

  lookupAddress(address: IpAddress): IpRangeInfo | undefined {
    const { starts, ends, infos } = this.tables[address.family];
    // The last range starting at or before the address.
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= address.value) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found >= 0 && address.value <= ends[found] ? { ...infos[found] } : undefined;
  }
}

/** A range bound as an address, or as a decimal number (family from the magnitude; `::/96` is not in the data). */
function rangeBound(text: string): IpAddress | undefined {
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    return { family: value <= 0xffffffffn ? 4 : 6, value };
  }
  return parseIp(text);
}

/** Answers from each dataset in turn, field by field: e.g. ASN and organisation from one, country from another. */
export class MergedIpRangeDataset implements IpRangeDataset {
  readonly name: string;

  constructor(private readonly datasets: readonly IpRangeDataset[]) {
    this.name = datasets.map((d) => d.name).join('+');
  }

  lookup(ip: string): IpRangeInfo | undefined {
    let merged: IpRangeInfo | undefined;
    for (const dataset of this.datasets) {
      const info = dataset.lookup(ip);
      if (!info) continue;
      merged = { ...info, ...merged };
    }
    return merged;
  }
}

/**
 * Rows of an ip-location-db CSV: `start,end,asn,"organisation"` (the `asn` package) or `start,end,CC` (the
 * `*-country` packages). Organisation names may be quoted and contain commas or doubled quotes.
 */
export function parseIpLocationCsv(text: string, kind: 'asn' | 'country'): IpRangeRow[] {
  const rows: IpRangeRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const fields = csvFields(line);
    if (kind === 'asn') {
      const [start, end, asn, org] = fields;
      const asnNumber = Number(asn);
      rows.push({
        start,
        end,
        asn: Number.isInteger(asnNumber) && asnNumber > 0 ? asnNumber : undefined,
        asnOrg: org || undefined,
      });
    } else {
      const [start, end, countryCode] = fields;
      rows.push({ start, end, countryCode: countryCode || undefined });
    }
  }
  return rows;
}

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          value += line[i++];
        }
      }
      fields.push(value);
      i++; // the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

export interface IpLocationDbDirs {
  /** Directory of `@ip-location-db/asn` (files asn-ipv4-num.csv, asn-ipv6-num.csv). */
  asnDir?: string;
  /** Directory of `@ip-location-db/asn-country` (files asn-country-ipv4-num.csv, asn-country-ipv6-num.csv). */
  countryDir?: string;
}

/**
 * Loads the ip-location-db CSV packages into memory (ASN + organisation, and country). Wire it with the
 * packages' directories, e.g. `dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'))`.
 */
export async function loadIpLocationDb(dirs: IpLocationDbDirs): Promise<IpRangeDataset> {
  const datasets: IpRangeDataset[] = [];
  const load = async (dir: string, prefix: string, kind: 'asn' | 'country') => {
    const texts = await Promise.all(
      ['ipv4', 'ipv6'].map((family) => readFile(join(dir, `${prefix}-${family}-num.csv`), 'utf8')),
    );
    return new IpRangeTable(
      prefix,
      texts.flatMap((text) => parseIpLocationCsv(text, kind)),
    );
  };
  if (dirs.asnDir) datasets.push(await load(dirs.asnDir, 'asn', 'asn'));
  if (dirs.countryDir) datasets.push(await load(dirs.countryDir, 'asn-country', 'country'));
  return datasets.length === 1 ? datasets[0] : new MergedIpRangeDataset(datasets);
}
