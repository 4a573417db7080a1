import { meCurl, renderBanner, type BannerInfo } from './banner.js';

const info: BannerInfo = {
  apiBaseUrl: 'http://127.0.0.1:3000',
  healthPath: '/health/ready',
  metricsPath: '/metrics',
  emulatorUrl: 'http://127.0.0.1:4566',
  dataLines: ['postgres    embedded, files in /repo/.data/postgres', 'redis       redis://127.0.0.1:6379'],
  seed: {
    tenant: { id: 'tenant-1', slug: 'acme', name: 'Acme Corp' },
    users: {
      analyst: { email: 'analyst@acme.test', role: 'ANALYST', token: 'analyst.jwt.token' },
      admin: { email: 'admin@acme.test', role: 'TENANT_ADMIN', token: 'admin.jwt.token' },
    },
    apiKey: {
      id: 'key-1',
      prefix: 'sv_abc',
      secret: 'sv_abc.s3cr3t',
      scopes: ['findings:write', 'findings:read'],
    },
  },
};

describe('renderBanner', () => {
  const text = renderBanner(info, { colour: false });

  it('lists the URLs and where the data lives', () => {
    expect(text).toContain('GraphQL      http://127.0.0.1:3000/graphql');
    expect(text).toContain('Health       http://127.0.0.1:3000/health/ready');
    expect(text).toContain('Metrics      http://127.0.0.1:3000/metrics');
    expect(text).toContain('AWS emulator http://127.0.0.1:4566');
    expect(text).toContain('Data         postgres    embedded, files in /repo/.data/postgres');
    expect(text).toContain('redis       redis://127.0.0.1:6379');
  });

  it('shows every demo user with email, role and token, and the whole API key', () => {
    expect(text).toMatch(/analyst\s+analyst@acme\.test\s+role ANALYST\n\s+bearer token analyst\.jwt\.token/);
    expect(text).toMatch(/admin\s+admin@acme\.test\s+role TENANT_ADMIN\n\s+bearer token admin\.jwt\.token/);
    expect(text).toContain('id key-1  prefix sv_abc  scopes findings:write, findings:read');
    expect(text).toContain('secret sv_abc.s3cr3t');
    expect(text).toContain('Demo tenant "Acme Corp" (slug acme, id tenant-1)');
  });

  it('offers a ready-to-paste curl for `me`, as the admin-like user', () => {
    expect(text).toContain('Try it (as admin):');
    expect(text).toContain(
      `curl -s http://127.0.0.1:3000/graphql -H 'content-type: application/json' -H "authorization: Bearer admin.jwt.token" -d '{"query":"{ me { user { email } } }"}'`,
    );
  });

  it('has no escape codes without colour, and some with it', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderBanner(info, { colour: true })).toContain('\u001b[');
  });

  it('keeps a gap after a long user label and aligns the other labels with it', () => {
    const users = { platformAdmin: { email: 'p@x.test', role: 'PLATFORM_ADMIN', token: 't' } };
    const wide = renderBanner({ ...info, seed: { ...info.seed, users } }, { colour: false });
    expect(wide).toContain('   platformAdmin  p@x.test  role PLATFORM_ADMIN');
    expect(wide).toContain('   GraphQL        http://127.0.0.1:3000/graphql');
  });

  it('omits the curl when there is no user', () => {
    expect(renderBanner({ ...info, seed: { ...info.seed, users: {} } }, { colour: false })).not.toContain(
      'curl',
    );
  });
});

describe('meCurl', () => {
  it('escapes what a shell would expand inside double quotes', () => {
    expect(meCurl('http://x/graphql', 'a"b$c`d\\e')).toContain('"authorization: Bearer a\\"b\\$c\\`d\\\\e"');
  });
});
