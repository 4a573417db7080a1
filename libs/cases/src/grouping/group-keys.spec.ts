import { MAX_GROUP_KEYS, groupByKeys, groupKeysOf, mergeKeys, securityControlOf } from './group-keys.js';

describe('group keys', () => {
  it('are the primary resource, every resource id and the principal', () => {
    expect(
      groupKeysOf(
        [
          { type: 'AwsEc2Instance', id: 'arn:aws:ec2:us-east-1:1:instance/i-1' },
          { type: 'AwsIamAccessKey', id: 'AWS::IAM::AccessKey:ASIA1' },
        ],
        { resourceId: 'arn:aws:ec2:us-east-1:1:instance/i-1', principalKey: '1:role/web' },
      ),
    ).toEqual([
      'resource:arn:aws:ec2:us-east-1:1:instance/i-1',
      'resource:AWS::IAM::AccessKey:ASIA1',
      'principal:1:role/web',
    ]);
    expect(groupKeysOf([], {})).toEqual([]);
  });

  it('group a batch transitively and leave unrelated and keyless items alone', () => {
    const groups = groupByKeys([
      { item: 'probe', keys: ['resource:i-1'] },
      { item: 'exfil', keys: ['resource:i-1', 'principal:role/web'] },
      { item: 'api', keys: ['principal:role/web'] },
      { item: 'bucket', keys: ['resource:s3'] },
      { item: 'nothing', keys: [] },
    ]);
    expect(groups).toEqual([
      { items: ['probe', 'exfil', 'api'], keys: ['resource:i-1', 'principal:role/web'] },
      { items: ['bucket'], keys: ['resource:s3'] },
      { items: ['nothing'], keys: [] },
    ]);
  });

  it('merge without duplicates and stop growing at the cap', () => {
    expect(mergeKeys(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
    const full = Array.from({ length: MAX_GROUP_KEYS }, (_, i) => `k${i}`);
    expect(mergeKeys(full, ['new'])).toEqual(full);
  });

  it('add the control of a Security Hub control finding in its account, so one failing control is one case', () => {
    const bucket = (name: string) => [{ type: 'AwsS3Bucket', id: `arn:aws:s3:::${name}` }];
    const control = { awsAccountId: '710000000001', controlId: 'S3.8' };
    const www = groupKeysOf(bucket('www'), { resourceId: 'arn:aws:s3:::www' }, control);
    const docs = groupKeysOf(bucket('docs'), { resourceId: 'arn:aws:s3:::docs' }, control);
    expect(www).toEqual(['resource:arn:aws:s3:::www', 'control:710000000001:S3.8']);
    expect(
      groupByKeys([
        { item: 'www', keys: www },
        { item: 'docs', keys: docs },
      ]),
    ).toHaveLength(1);
    const hub = 'arn:aws:securityhub:us-east-1::product/aws/securityhub';
    expect(securityControlOf({ productArn: hub, findingType: 'S3.8' })).toBe('S3.8');
    expect(
      securityControlOf({
        productArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
        findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      }),
    ).toBeUndefined();
  });
});
