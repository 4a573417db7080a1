import { ObservableType } from './case-observable.entity.js';
import { observablesOf } from './observables-of.js';

describe('observablesOf', () => {
  it('extracts the remote IP, domain, principal, access key, resource ARNs and indicator hashes', () => {
    const found = observablesOf({
      observables: {
        remote: { ip: '198.51.100.7', port: 443 },
        domain: 'pool.example-miner.com',
        principal: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::123456789012:assumed-role/web/i-0abc',
          accessKeyId: 'ASIAQ3EGWZJ5T7XKM2PB',
        },
        localPorts: [22],
      },
      resources: [
        { type: 'AwsEc2Instance', id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', tags: {} },
        { type: 'AwsIamAccessKey', id: 'AWS::IAM::AccessKey:ASIAQ3EGWZJ5T7XKM2PB', tags: {} },
      ],
      indicators: [
        { Type: 'HASH_SHA256', Value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        { Type: 'IPV4_ADDRESS', Value: '198.51.100.7' },
        { Type: 'URL', Value: 'https://ignored.example/x' },
      ],
    });
    expect(found).toEqual([
      { type: ObservableType.IP, value: '198.51.100.7' },
      { type: ObservableType.DOMAIN, value: 'pool.example-miner.com' },
      { type: ObservableType.PRINCIPAL_ARN, value: 'arn:aws:sts::123456789012:assumed-role/web/i-0abc' },
      { type: ObservableType.ACCESS_KEY_ID, value: 'ASIAQ3EGWZJ5T7XKM2PB' },
      { type: ObservableType.RESOURCE_ARN, value: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc' },
      {
        type: ObservableType.HASH,
        value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    ]);
  });

  it('finds nothing in a finding that says nothing', () => {
    expect(
      observablesOf({ observables: { localPorts: [] }, resources: [{ id: 'i-1' }], indicators: null }),
    ).toEqual([]);
  });
});
