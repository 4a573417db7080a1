import { Test } from '@nestjs/testing';
import { Clock, ManualClock } from '@sieve/core';
import { CLOUDTRAIL_EVENTS, type CloudTrailEventSource } from '../enrichers/cloudtrail-events.js';
import { EnrichmentRunner } from '../enrichment/enrichment-runner.js';
import { TriageEnrichmentModule } from '../enrichment/triage-enrichment.module.js';
import { InMemoryPrincipalHistory, PRINCIPAL_HISTORY } from '../history/principal-history.js';
import { THREAT_INTEL_PROVIDERS, FeedFileThreatIntel } from '../threat-intel/threat-intel.js';
import {
  exfiltrationAsff,
  githubActionsAsff,
  portProbeAsff,
  rootConsoleAsff,
  s3ControlAsff,
  TENANT_ID,
  torUserAsff,
  triageOf,
} from '../testing/fixtures.js';
import { FINDING_FINGERPRINT_KEYS, fingerprintOf, poolableFeatures } from './fingerprint.js';

/** Every principal's CloudTrail history: a bucket listing, and a refused read of a secret. */
const trail: CloudTrailEventSource = {
  lookupEvents: async () => ({
    events: [
      {
        eventId: 'e2',
        eventName: 'GetSecretValue',
        eventSource: 'secretsmanager.amazonaws.com',
        eventTime: new Date('2026-11-29T06:50:00Z'),
        errorCode: 'AccessDenied',
      },
      {
        eventId: 'e1',
        eventName: 'ListBuckets',
        eventSource: 's3.amazonaws.com',
        eventTime: new Date('2026-11-29T06:40:00Z'),
      },
    ],
    truncated: false,
  }),
};

async function runner(): Promise<EnrichmentRunner> {
  const module = await Test.createTestingModule({
    imports: [
      TriageEnrichmentModule.forRoot({
        providers: [
          { provide: PRINCIPAL_HISTORY, useValue: new InMemoryPrincipalHistory() },
          { provide: CLOUDTRAIL_EVENTS, useValue: trail },
          { provide: Clock, useValue: new ManualClock(new Date('2026-11-30T12:00:00Z')) },
          {
            provide: THREAT_INTEL_PROVIDERS,
            useValue: [FeedFileThreatIntel.fromText([{ category: 'tor-exit', text: '192.0.2.200' }])],
          },
        ],
      }),
    ],
  }).compile();
  return module.get(EnrichmentRunner);
}

const ALL = [exfiltrationAsff, githubActionsAsff, rootConsoleAsff, torUserAsff, portProbeAsff, s3ControlAsff];

describe('fingerprint', () => {
  it('the module runs the default enrichers in order, and the fingerprint of an exfiltration reads them', async () => {
    const run = await runner();
    expect(run.order.map((e) => e.name)).toEqual([
      'resource-context',
      'ip-intel',
      'principal-context',
      'cloudtrail',
      'history',
    ]);
    const finding = triageOf(exfiltrationAsff);
    const { enrichment, errors } = await run.run(TENANT_ID, finding);
    expect(errors).toEqual([]);
    expect(fingerprintOf(finding, enrichment)).toEqual({
      findingType: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      findingTypeFamily: 'UnauthorizedAccess:IAMUser',
      severityLabel: 'HIGH',
      region: 'us-east-1',
      awsAccountId: '123456789012',
      actionType: 'AWS_API_CALL',
      apiAction: 's3:ListBuckets',
      apiService: 's3',
      callerType: 'Remote IP',
      userAgentFamily: 'aws-cli',
      userAgentMajor: 2,
      remoteIp: '203.0.113.77',
      remoteScope: 'documentation',
      remoteAsn: 14061,
      remoteAsnOrg: 'DIGITALOCEAN-ASN',
      remoteCountry: 'NL',
      remoteHosting: true,
      remoteHostingProvider: 'DigitalOcean',
      remoteTor: false,
      threatCategories: [],
      principalKind: 'assumed-role',
      principalType: 'AssumedRole',
      principalName: 'web-app-role',
      principalKey: '123456789012:role/web-app-role',
      sessionNameShape: 'instance-id',
      credentials: 'temporary',
      resourceType: 'AwsIamAccessKey',
      resourceTypes: ['AwsIamAccessKey'],
      resourceId: 'AWS::IAM::AccessKey:ASIAQ3EGWZJ5T7XKM2PB',
      resourceTagged: false,
      resourceTagKeys: [],
      resourceTags: [],
      resourceRole: 'TARGET',
      resourcePublicIp: false,
      resourcePublicAccess: false,
      localPorts: [],
      newCountry: true,
      newAsn: true,
      newUserAgentFamily: true,
      newApiAction: true,
      // The principal's first sighting in the tenant: nothing to call these new against.
      historyBaseline: false,
      cloudtrailErrors: 1,
    });
  });

  it('a port probe: resource, tags, ports and direction', () => {
    const fp = fingerprintOf(triageOf(portProbeAsff), {});
    expect(fp).toMatchObject({
      findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      actionType: 'PORT_PROBE',
      resourceType: 'AwsEc2Instance',
      resourceTagged: true,
      resourceTagKeys: ['Environment', 'Name', 'Owner', 'aws:cloudformation:stack-name'],
      resourceEnvironment: 'production',
      resourceOwner: 'payments-team@example.com',
      resourceStack: 'payments-web',
      resourcePublicIp: true,
      localPort: 22,
      localPorts: ['22', '3389'],
      direction: 'INBOUND',
      blocked: false,
      remoteAsn: 398324,
      remoteHosting: false,
    });
    expect(fp).not.toHaveProperty('principalKind');
    expect(fp).not.toHaveProperty('newCountry');
  });

  it('an instance image and a website bucket become resourceImage and resourceWebsite, both poolable', () => {
    const probe = structuredClone(portProbeAsff) as {
      Resources: { Details: { AwsEc2Instance: Record<string, unknown> } }[];
    };
    probe.Resources[0].Details.AwsEc2Instance.ImageId = 'ami-0a7f3c9e51d2b6840';
    const instance = fingerprintOf(triageOf(probe as unknown as Record<string, unknown>), {});
    expect(instance.resourceImage).toBe('ami-0a7f3c9e51d2b6840');
    expect(poolableFeatures(instance).resourceImage).toBe('ami-0a7f3c9e51d2b6840');

    const control = structuredClone(s3ControlAsff) as { Resources: { Details?: unknown }[] };
    expect(fingerprintOf(triageOf(control as unknown as Record<string, unknown>), {})).not.toHaveProperty(
      'resourceWebsite',
    );
    control.Resources[0].Details = {
      AwsS3Bucket: { BucketWebsiteConfiguration: { IndexDocumentSuffix: 'index.html' } },
    };
    const bucket = fingerprintOf(triageOf(control as unknown as Record<string, unknown>), {});
    expect(bucket.resourceWebsite).toBe(true);
    expect(poolableFeatures(bucket).resourceWebsite).toBe(true);
  });

  it('documents every key it writes', async () => {
    const run = await runner();
    for (const asff of ALL) {
      const finding = triageOf(asff);
      const fp = fingerprintOf(finding, (await run.run(TENANT_ID, finding)).enrichment);
      for (const key of Object.keys(fp)) expect(FINDING_FINGERPRINT_KEYS).toHaveProperty(key);
    }
  });

  it('poolableFeatures never leaks an identifier of a realistic finding', async () => {
    const run = await runner();
    for (const asff of ALL) {
      const finding = triageOf(asff);
      const fp = fingerprintOf(finding, (await run.run(TENANT_ID, finding)).enrichment);
      const pooled = poolableFeatures(fp);
      const text = JSON.stringify(pooled);
      const identifiers = [
        '123456789012',
        'arn:',
        'i-0a1b2c3d4e5f60718',
        'ASIA',
        'AKIA',
        'AROA',
        '@',
        'web-app-role',
        'github-deploy',
        'alice',
        'payments',
        'web-1',
        'acme-exports',
        '203.0.113',
        '198.51.100',
        '192.0.2',
        '54.210.33.17',
        'GitHubActions',
      ];
      for (const identifier of identifiers) expect(text).not.toContain(identifier);
      expect(pooled).not.toHaveProperty('newCountry');
      expect(pooled).not.toHaveProperty('region');
    }
  });

  it('poolableFeatures keeps the generalised behaviour, with only conventional tag keys', () => {
    const fp = fingerprintOf(triageOf(portProbeAsff), {});
    const pooled = poolableFeatures({
      ...fp,
      resourceTagKeys: ['Environment', 'acme:billing-code', 'Owner'],
    });
    expect(pooled).toMatchObject({
      findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      resourceType: 'AwsEc2Instance',
      resourceTagged: true,
      resourceTagKeys: ['Environment', 'Owner'],
      resourceEnvironment: 'production',
      localPorts: ['22', '3389'],
      remoteAsn: 398324,
      remoteAsnOrg: 'CENSYS-ARIN-01',
    });
    // A poolable key whose value carries an identifier is dropped, not pooled.
    expect(
      poolableFeatures({
        userAgentFamily: 'arn:aws:iam::123456789012:role/x',
        remoteAsnOrg: 'ops@acme.example',
      }),
    ).toEqual({});
  });

  it('GitHub Actions and root findings pool as kinds, not names', async () => {
    const run = await runner();
    const gh = triageOf(githubActionsAsff);
    expect(poolableFeatures(fingerprintOf(gh, (await run.run(TENANT_ID, gh)).enrichment))).toMatchObject({
      principalKind: 'ci-oidc',
      ciProvider: 'github-actions',
      userAgentFamily: 'terraform',
      userAgentMajor: 1,
      remoteHosting: true,
      remoteHostingProvider: 'Microsoft Azure',
    });
    const root = triageOf(rootConsoleAsff);
    expect(poolableFeatures(fingerprintOf(root, {}))).toMatchObject({
      principalKind: 'root',
      userAgentFamily: 'browser',
    });
  });
});
