import { linesBeforeSeedJson, parseSeedOutput } from './seed-output.js';

const seed = {
  tenant: { id: 't1', slug: 'acme', name: 'Acme' },
  users: { admin: { email: 'admin@acme.test', role: 'ADMIN', token: 'tok' } },
  apiKey: { id: 'k1', prefix: 'sk_ab', secret: 'sk_ab.secret', scopes: ['findings:read'] },
};

describe('parseSeedOutput', () => {
  it('reads the last non-empty line and ignores log lines before it', () => {
    const stdout = `{"level":30,"msg":"seeding"}\nsomething\n${JSON.stringify(seed)}\n\n`;
    expect(parseSeedOutput(stdout)).toEqual(seed);
    expect(linesBeforeSeedJson(stdout)).toEqual(['{"level":30,"msg":"seeding"}', 'something']);
  });

  it('explains what is wrong with the output', () => {
    expect(() => parseSeedOutput('')).toThrow(/printed nothing/);
    expect(() => parseSeedOutput(`${JSON.stringify(seed)}\ndone.`)).toThrow(
      /last line .* is not JSON: done\./,
    );
    const broken = { ...seed, apiKey: { ...seed.apiKey, scopes: 'all' } };
    expect(() => parseSeedOutput(JSON.stringify(broken))).toThrow(/apiKey\.scopes/);
    const noUsers = { tenant: seed.tenant, apiKey: seed.apiKey };
    expect(() => parseSeedOutput(JSON.stringify(noUsers))).toThrow(/users/);
  });
});
