import type { FindingResource } from './normalized-finding.js';
import { asArray, asString, at, isRecord } from './read.js';

export interface ResourceContext {
  partition: string;
  accountId: string;
  region: string;
}

/**
 * A native GuardDuty `resource` section as the ASFF resources the GuardDuty → Security Hub integration
 * writes for it, so that both arrival paths list the same resources: an instance becomes AwsEc2Instance with
 * its instance ARN, an access key AwsIamAccessKey "AWS::IAM::AccessKey:<id>", an S3 finding one AwsS3Bucket
 * per bucket (plus the access key that touched them). Other resource types are kept as "Other".
 */
export function guardDutyResources(
  resource: Record<string, unknown>,
  ctx: ResourceContext,
): FindingResource[] {
  const resources: FindingResource[] = [];
  const instance = at(resource, 'instanceDetails');
  const instanceId = asString(at(instance, 'instanceId'));
  if (isRecord(instance) && instanceId) {
    resources.push({
      type: 'AwsEc2Instance',
      id: `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:instance/${instanceId}`,
      region: ctx.region,
      tags: tagMap(instance.tags),
      details: instance,
    });
  }
  const accessKey = at(resource, 'accessKeyDetails');
  const accessKeyId = asString(at(accessKey, 'accessKeyId'));
  if (isRecord(accessKey) && accessKeyId) {
    resources.push({
      type: 'AwsIamAccessKey',
      id: `AWS::IAM::AccessKey:${accessKeyId}`,
      region: ctx.region,
      tags: {},
      details: accessKey,
    });
  }
  for (const bucket of asArray(resource.s3BucketDetails)) {
    const arn = asString(at(bucket, 'arn')) ?? bucketArn(asString(at(bucket, 'name')), ctx.partition);
    if (isRecord(bucket) && arn) {
      resources.push({
        type: 'AwsS3Bucket',
        id: arn,
        region: ctx.region,
        tags: tagMap(bucket.tags),
        details: bucket,
      });
    }
  }
  if (resources.length === 0) {
    resources.push({
      type: 'Other',
      id: String(resource.resourceType),
      region: ctx.region,
      tags: {},
      details: resource,
    });
  }
  return resources;
}

/** GuardDuty tags are [{ key, value }]; ASFF tags are a map. */
function tagMap(tags: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of asArray(tags)) {
    const key = asString(at(tag, 'key'));
    const value = at(tag, 'value');
    if (key && typeof value === 'string') map[key] = value;
  }
  return map;
}

function bucketArn(name: string | undefined, partition: string): string | undefined {
  return name ? `arn:${partition}:s3:::${name}` : undefined;
}
