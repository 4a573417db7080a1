import { InMemoryPrincipalHistory } from '../history/principal-history.js';
import { exfiltrationAsff, portProbeAsff, TENANT_ID, torUserAsff, triageOf } from '../testing/fixtures.js';
import type { TriageFinding } from '../triage-finding.js';
import { HistoryEnricher } from './history.enricher.js';
import { IpIntelEnricher } from './ip-intel.enricher.js';
import { principalContextOf } from './principal-context.enricher.js';

async function resultsFor(finding: TriageFinding) {
  return {
    'ip-intel': await new IpIntelEnricher().enrich({ tenantId: TENANT_ID, finding, results: {} }),
    'principal-context': principalContextOf(finding),
  };
}

describe('history', () => {
  it('everything is new for a first finding, without a baseline; nothing for a repeat; retries answer the same', async () => {
    const enricher = new HistoryEnricher(new InMemoryPrincipalHistory());
    const first = triageOf(exfiltrationAsff, 'finding-1');
    const results = await resultsFor(first);
    const all = {
      principalKey: '123456789012:role/web-app-role',
      newCountry: true,
      newAsn: true,
      newUserAgentFamily: true,
      newApiAction: true,
      baseline: false,
    };
    expect(await enricher.enrich({ tenantId: TENANT_ID, finding: first, results })).toEqual(all);
    // The same finding triaged again (a retried job) is still the one that introduced these values.
    expect(await enricher.enrich({ tenantId: TENANT_ID, finding: first, results })).toEqual(all);

    const repeat = triageOf(exfiltrationAsff, 'finding-2');
    expect(
      await enricher.enrich({ tenantId: TENANT_ID, finding: repeat, results: await resultsFor(repeat) }),
    ).toEqual({
      principalKey: '123456789012:role/web-app-role',
      newCountry: false,
      newAsn: false,
      newUserAgentFamily: false,
      newApiAction: false,
      baseline: true,
    });
    // Another tenant has its own history.
    expect(
      await enricher.enrich({ tenantId: 'other-tenant', finding: repeat, results: await resultsFor(repeat) }),
    ).toEqual(all);
  });

  it('only what changed is new, judged against the baseline of the earlier finding', async () => {
    const enricher = new HistoryEnricher(new InMemoryPrincipalHistory());
    const first = triageOf(exfiltrationAsff, 'finding-1');
    await enricher.enrich({ tenantId: TENANT_ID, finding: first, results: await resultsFor(first) });
    const moved = structuredClone(exfiltrationAsff) as { ProductFields: Record<string, string> };
    const api = 'aws/guardduty/service/action/awsApiCallAction';
    moved.ProductFields[`${api}/remoteIpDetails/country/countryCode`] = 'RO';
    moved.ProductFields[`${api}/api`] = 'GetObject';
    const second = triageOf(moved as unknown as Record<string, unknown>, 'finding-2');
    expect(
      await enricher.enrich({ tenantId: TENANT_ID, finding: second, results: await resultsFor(second) }),
    ).toEqual({
      principalKey: '123456789012:role/web-app-role',
      newCountry: true,
      newAsn: false,
      newUserAgentFamily: false,
      newApiAction: true,
      baseline: true,
    });
  });

  it('does not apply without a principal', async () => {
    const enricher = new HistoryEnricher(new InMemoryPrincipalHistory());
    const probe = triageOf(portProbeAsff);
    expect(
      await enricher.enrich({
        tenantId: TENANT_ID,
        finding: probe,
        results: { 'ip-intel': null, 'principal-context': null },
      }),
    ).toBeNull();
    const tor = triageOf(torUserAsff);
    const partial = await enricher.enrich({
      tenantId: TENANT_ID,
      finding: tor,
      results: { 'ip-intel': null, 'principal-context': principalContextOf(tor) },
    });
    expect(partial).toEqual({
      principalKey: '123456789012:user/alice@example.com',
      newUserAgentFamily: true,
      newApiAction: true,
      baseline: false,
    });
  });

  it('a second finding of a new principal that changes everything still has the first one as baseline', async () => {
    const enricher = new HistoryEnricher(new InMemoryPrincipalHistory());
    const first = triageOf(exfiltrationAsff, 'finding-1');
    await enricher.enrich({ tenantId: TENANT_ID, finding: first, results: await resultsFor(first) });
    const elsewhere = structuredClone(exfiltrationAsff) as { ProductFields: Record<string, string> };
    const api = 'aws/guardduty/service/action/awsApiCallAction';
    elsewhere.ProductFields[`${api}/remoteIpDetails/country/countryCode`] = 'RO';
    elsewhere.ProductFields[`${api}/remoteIpDetails/organization/asn`] = '9009';
    const second = triageOf(elsewhere as unknown as Record<string, unknown>, 'finding-2');
    expect(
      await enricher.enrich({ tenantId: TENANT_ID, finding: second, results: await resultsFor(second) }),
    ).toMatchObject({ newCountry: true, newAsn: true, baseline: true });
  });
});
