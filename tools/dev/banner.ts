import { painter } from './ansi.js';
import type { SeedOutput } from './seed-output.js';

export interface BannerInfo {
  /** e.g. http://127.0.0.1:3000 */
  apiBaseUrl: string;
  healthPath: string;
  metricsPath: string;
  emulatorUrl: string;
  /** One line each: where PostgreSQL and Redis are and where their data lives. */
  dataLines: string[];
  seed: SeedOutput;
}

const GRAPHQL_PATH = '/graphql';
const ME_QUERY = '{"query":"{ me { user { email } } }"}';

/**
 * The "it is running" message: where to point a client, the demo credentials (printed on purpose — they
 * are throw-away and the user needs them), and a curl that works as pasted. Pure, so it can be tested.
 */
export function renderBanner(info: BannerInfo, opts: { colour: boolean }): string {
  const paint = painter(opts.colour);
  const graphqlUrl = `${info.apiBaseUrl}${GRAPHQL_PATH}`;
  const rule = paint('dim', '─'.repeat(78));
  // Wide enough for the fixed labels and the longest user label ("platformAdmin"), plus a gap.
  const width = Math.max(13, ...Object.keys(info.seed.users).map((name) => name.length + 2));
  const label = (text: string): string => paint('bold', text.padEnd(width));
  const lines: string[] = [];

  lines.push(rule);
  lines.push(` ${paint('green', paint('bold', 'Sieve is running'))}`);
  lines.push(`   ${label('GraphQL')}${paint('cyan', graphqlUrl)}`);
  lines.push(`   ${label('Health')}${paint('cyan', `${info.apiBaseUrl}${info.healthPath}`)}`);
  lines.push(`   ${label('Metrics')}${paint('cyan', `${info.apiBaseUrl}${info.metricsPath}`)}`);
  lines.push(`   ${label('AWS emulator')}${paint('cyan', info.emulatorUrl)}`);
  info.dataLines.forEach((line, i) => lines.push(`   ${label(i === 0 ? 'Data' : '')}${line}`));

  const { tenant, users, apiKey } = info.seed;
  lines.push('');
  lines.push(` ${paint('bold', `Demo tenant "${tenant.name}"`)} (slug ${tenant.slug}, id ${tenant.id})`);
  for (const [name, user] of Object.entries(users)) {
    lines.push(`   ${label(name)}${user.email}  role ${user.role}`);
    lines.push(`   ${label('')}bearer token ${user.token}`);
  }
  lines.push(
    `   ${label('API key')}id ${apiKey.id}  prefix ${apiKey.prefix}  scopes ${apiKey.scopes.join(', ') || '(none)'}`,
  );
  lines.push(`   ${label('')}secret ${apiKey.secret}`);

  const sample = pickSampleUser(info.seed);
  if (sample) {
    lines.push('');
    lines.push(` ${paint('bold', `Try it (as ${sample.name}):`)}`);
    lines.push(`   ${meCurl(graphqlUrl, sample.token)}`);
  }
  lines.push('');
  lines.push(` ${paint('dim', 'Ctrl-C stops everything; the data stays for the next start.')}`);
  lines.push(rule);
  return `${lines.join('\n')}\n`;
}

/**
 * A curl for the GraphQL `me` query. The token sits inside double quotes in the shell, so the characters
 * the shell still interprets there are escaped (a JWT has none, but a banner must not break on odd input).
 */
export function meCurl(graphqlUrl: string, token: string): string {
  const escaped = token.replace(/[\\"$`]/g, (c) => `\\${c}`);
  return `curl -s ${graphqlUrl} -H 'content-type: application/json' -H "authorization: Bearer ${escaped}" -d '${ME_QUERY}'`;
}

/** The user the sample curl uses: one labelled like an admin if there is one, else the first. */
function pickSampleUser(seed: SeedOutput): { name: string; token: string } | undefined {
  const entries = Object.entries(seed.users);
  const admin = entries.find(([name, u]) => /admin/i.test(name) || /admin/i.test(u.role));
  const [name, user] = admin ?? entries[0] ?? [];
  return name !== undefined && user !== undefined ? { name, token: user.token } : undefined;
}
