import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Cidr, cidrContains, parseCidr, parseIp } from '../ip/ip-address.js';

/** One hit of an indicator in a threat-intel source. */
export interface ThreatIntelMatch {
  /** Provider that answered. */
  source: string;
  /** What the indicator is known for: `tor-exit`, `malicious-ips`, `scanner`… */
  category: string;
  /** The indicator that matched (the address, the CIDR block, or the domain / parent domain). */
  indicator: string;
  comment?: string;
}

export interface ThreatIntelProvider {
  readonly name: string;
  lookupIp(ip: string): Promise<ThreatIntelMatch[]>;
  lookupDomain(domain: string): Promise<ThreatIntelMatch[]>;
}

/** DI token: the providers ip-intel asks (all of them, concurrently). */
export const THREAT_INTEL_PROVIDERS = Symbol('THREAT_INTEL_PROVIDERS');

/** The category under which Tor exit nodes are listed; the ip-intel `tor` flag reads it. */
export const TOR_EXIT_CATEGORY = 'tor-exit';

export interface FeedFile {
  path: string;
  /** Defaults to the file name without extension: `tor-exit.txt` → `tor-exit`. */
  category?: string;
}

interface Entry {
  indicator: string;
  category: string;
  comment?: string;
}

interface BlockEntry extends Entry {
  cidr: Cidr;
}

/**
 * Indicators from plain feed files, one per line: an IP address, a CIDR block or a domain, optionally
 * followed by `# comment`; blank lines and lines starting with `#` are ignored. The category of a file is
 * its name (`tor-exit.txt`, `malicious-ips.txt`). A domain matches itself and its subdomains. Exact
 * addresses are a hash lookup; CIDR blocks are scanned (feeds carry few of them).
 */
export class FeedFileThreatIntel implements ThreatIntelProvider {
  private readonly addresses = new Map<string, Entry[]>();
  private readonly blocks: BlockEntry[] = [];
  private readonly domains = new Map<string, Entry[]>();

  private constructor(readonly name: string) {}

  static async load(files: readonly FeedFile[], name = 'feed-files'): Promise<FeedFileThreatIntel> {
    const texts = await Promise.all(files.map((file) => readFile(file.path, 'utf8')));
    return FeedFileThreatIntel.fromText(
      files.map((file, i) => ({
        category: file.category ?? basename(file.path).replace(/\.[^.]*$/, ''),
        text: texts[i],
      })),
      name,
    );
  }

  static fromText(
    feeds: readonly { category: string; text: string }[],
    name = 'feed-files',
  ): FeedFileThreatIntel {
    const intel = new FeedFileThreatIntel(name);
    for (const { category, text } of feeds) {
      for (const line of text.split(/\r?\n/)) intel.add(line, category);
    }
    return intel;
  }

  private add(line: string, category: string): void {
    const hash = line.indexOf('#');
    const indicator = (hash < 0 ? line : line.slice(0, hash)).trim();
    if (indicator === '') return;
    const comment = hash < 0 ? undefined : line.slice(hash + 1).trim() || undefined;
    const cidr = parseCidr(indicator);
    if (cidr) {
      if (cidr.start === cidr.end)
        push(this.addresses, `${cidr.family}:${cidr.start}`, { indicator, category, comment });
      else this.blocks.push({ cidr, indicator, category, comment });
      return;
    }
    const domain = indicator.toLowerCase().replace(/\.$/, '');
    if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(domain)) {
      push(this.domains, domain, { indicator: domain, category, comment });
    }
  }

  async lookupIp(ip: string): Promise<ThreatIntelMatch[]> {
    const address = parseIp(ip);
    if (!address) return [];
    const hits: Entry[] = [
      ...(this.addresses.get(`${address.family}:${address.value}`) ?? []),
      ...this.blocks.filter((entry) => cidrContains(entry.cidr, address)),
    ];
    return hits.map((entry) => this.match(entry));
  }

  async lookupDomain(domain: string): Promise<ThreatIntelMatch[]> {
    const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
    const hits: Entry[] = [];
    for (let i = 0; i < labels.length - 1; i++)
      hits.push(...(this.domains.get(labels.slice(i).join('.')) ?? []));
    return hits.map((entry) => this.match(entry));
  }

  private match({ indicator, category, comment }: Entry): ThreatIntelMatch {
    return comment === undefined
      ? { source: this.name, category, indicator }
      : { source: this.name, category, indicator, comment };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
