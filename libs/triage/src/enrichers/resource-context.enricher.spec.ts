import { exfiltrationAsff, portProbeAsff, s3ControlAsff, TENANT_ID, triageOf } from '../testing/fixtures.js';
import { ResourceContextEnricher } from './resource-context.enricher.js';

describe('resource-context', () => {
  const enricher = new ResourceContextEnricher();
  const enrich = (asff: Record<string, unknown>) =>
    enricher.enrich({ tenantId: TENANT_ID, finding: triageOf(asff), results: {} });

  it('a tagged production instance with a public IP, probed on 22 and 3389', async () => {
    expect(await enrich(portProbeAsff)).toEqual({
      primary: {
        type: 'AwsEc2Instance',
        id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718',
        region: 'us-east-1',
        tagged: true,
        tagKeys: ['Environment', 'Name', 'Owner', 'aws:cloudformation:stack-name'],
        tags: {
          Name: 'web-1',
          Environment: 'production',
          Owner: 'payments-team@example.com',
          'aws:cloudformation:stack-name': 'payments-web',
        },
        name: 'web-1',
        environment: 'production',
        environmentClass: 'production',
        owner: 'payments-team@example.com',
        stack: 'payments-web',
      },
      resources: [expect.objectContaining({ type: 'AwsEc2Instance' })],
      resourceTypes: ['AwsEc2Instance'],
      resourceRole: 'TARGET',
      exposure: {
        publicIps: ['54.210.33.17'],
        hasPublicIp: true,
        ports: [22, 3389],
        direction: 'INBOUND',
        blocked: false,
        publicAccess: false,
      },
    });
  });

  it('an untagged bucket: not tagged, no exposure signal', async () => {
    const context = await enrich(s3ControlAsff);
    expect(context?.primary).toEqual({
      type: 'AwsS3Bucket',
      id: 'arn:aws:s3:::acme-exports',
      region: 'us-east-1',
      tagged: false,
      tagKeys: [],
      tags: {},
    });
    expect(context?.exposure).toEqual({ publicIps: [], hasPublicIp: false, ports: [], publicAccess: false });
  });

  it('an access-key finding: the key is the primary resource when there is no other', async () => {
    const context = await enrich(exfiltrationAsff);
    expect(context?.primary?.type).toBe('AwsIamAccessKey');
    expect(context?.resourceRole).toBe('TARGET');
  });

  it('classifies environment tags and ignores aws: tags for “tagged”', async () => {
    const asff = structuredClone(s3ControlAsff) as { Resources: { Tags?: Record<string, string> }[] };
    asff.Resources[0].Tags = { 'aws:cloudformation:stack-name': 'exports', env: 'PRD' };
    const context = await enrich(asff as unknown as Record<string, unknown>);
    expect(context?.primary).toMatchObject({
      tagged: true,
      environment: 'PRD',
      environmentClass: 'production',
    });
    asff.Resources[0].Tags = { 'aws:cloudformation:stack-name': 'exports', Stage: 'blue' };
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary).toMatchObject({
      tagged: true,
      environmentClass: 'other',
    });
    asff.Resources[0].Tags = { 'aws:cloudformation:stack-name': 'exports' };
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary?.tagged).toBe(false);
  });

  it('an outbound connection (the instance scanning out) exposes no port: its local port is ephemeral', async () => {
    const probe = triageOf(portProbeAsff);
    const scan = {
      ...probe,
      findingType: 'Recon:EC2/Portscan',
      observables: { ...probe.observables, localPorts: [51234], direction: 'OUTBOUND' as const },
    };
    const context = await enricher.enrich({ tenantId: TENANT_ID, finding: scan, results: {} });
    expect(context?.exposure).toMatchObject({ ports: [], direction: 'OUTBOUND' });
  });

  it('names the image an instance runs, from ASFF details or from native GuardDuty instanceDetails', async () => {
    const asff = structuredClone(portProbeAsff) as {
      Resources: { Details: { AwsEc2Instance: Record<string, unknown> } }[];
    };
    asff.Resources[0].Details.AwsEc2Instance.ImageId = 'ami-0a7f3c9e51d2b6840';
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary?.imageId).toBe(
      'ami-0a7f3c9e51d2b6840',
    );

    // The native normaliser keeps GuardDuty's instanceDetails as the resource's details.
    const probe = triageOf(portProbeAsff);
    const native = {
      ...probe,
      resources: [
        {
          ...probe.resources[0],
          details: { instanceId: 'i-0a1b2c3d4e5f60718', imageId: 'ami-0e41b8d27c90f5a13' },
        },
      ],
    };
    const context = await enricher.enrich({ tenantId: TENANT_ID, finding: native, results: {} });
    expect(context?.primary?.imageId).toBe('ami-0e41b8d27c90f5a13');

    // Something else in the field is not an image id.
    native.resources[0].details = { instanceId: 'i-0a1b2c3d4e5f60718', imageId: 'GeneratedFindingImageId' };
    expect(
      (await enricher.enrich({ tenantId: TENANT_ID, finding: native, results: {} }))?.primary,
    ).not.toHaveProperty('imageId');
  });

  it('marks a bucket configured as a static website, and only that', async () => {
    const asff = structuredClone(s3ControlAsff) as { Resources: { Details?: unknown }[] };
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary).not.toHaveProperty('website');
    asff.Resources[0].Details = {
      AwsS3Bucket: { BucketWebsiteConfiguration: { IndexDocumentSuffix: 'index.html' } },
    };
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary?.website).toBe(true);
    asff.Resources[0].Details = { AwsS3Bucket: { BucketWebsiteConfiguration: {} } };
    expect((await enrich(asff as unknown as Record<string, unknown>))?.primary).not.toHaveProperty('website');
  });
});
