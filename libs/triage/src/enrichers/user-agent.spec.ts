import { parseUserAgent, servicePrincipalOf } from './user-agent.js';

describe('parseUserAgent', () => {
  it.each([
    [
      '[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1017-aws exe/x86_64.ubuntu.22 prompt/off command/s3.ls]',
      'aws-cli',
      2,
    ],
    ['aws-cli/1.29.62 Python/3.9.16 Linux/5.10.0 botocore/1.31.62', 'aws-cli', 1],
    [
      'Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#6.8.0 lang/python#3.12.3 Botocore/1.35.76',
      'boto3',
      1,
    ],
    ['Botocore/1.31.62 Python/3.9.16 Linux/5.10.0', 'botocore', 1],
    [
      'aws-sdk-js/3.699.0 ua/2.1 os/linux#5.10.0 lang/js md/nodejs#20.18.0 api/s3#3.699.0',
      'aws-sdk-js-v3',
      3,
    ],
    ['aws-sdk-nodejs/2.1692.0 linux/v18.20.4 exec-env/AWS_Lambda_nodejs18.x promise', 'aws-sdk-js', 2],
    ['aws-sdk-go/1.55.5 (go1.22.5; linux; amd64)', 'aws-sdk-go', 1],
    ['aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux api/sts#1.33.3', 'aws-sdk-go-v2', 1],
    ['aws-sdk-java/2.29.20 Linux/5.10.228 OpenJDK_64-Bit_Server_VM/17.0.13 Java/17.0.13', 'aws-sdk-java', 2],
    ['aws-sdk-java/1.12.780 Linux/5.10 OpenJDK_64-Bit_Server_VM/11.0.25 java/11.0.25', 'aws-sdk-java', 1],
    [
      'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 aws-sdk-go-v2/1.32.7',
      'terraform',
      1,
    ],
    ['aws-sdk-go/1.44.122 (go1.19.3; linux; amd64) APN/1.0 HashiCorp/1.0 Terraform/1.3.6', 'terraform', 1],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'browser',
      131,
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'browser', 133],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'browser',
      18,
    ],
  ])('%s → %s %s', (ua, family, major) => {
    expect(parseUserAgent(ua)).toEqual({ family, major });
  });

  it.each([
    ['console.amazonaws.com', 'console'],
    ['signin.amazonaws.com', 'console'],
    ['cloudformation.amazonaws.com', 'cloudformation'],
    ['autoscaling.amazonaws.com', 'aws-service'],
    ['AWS Internal', 'aws-service'],
    [undefined, 'none'],
    ['  ', 'none'],
  ])('%s → %s', (ua, family) => {
    expect(parseUserAgent(ua).family).toBe(family);
  });

  it('keeps the product of an unknown tool', () => {
    expect(parseUserAgent('curl/8.5.0')).toEqual({ family: 'other', product: 'curl', major: 8 });
    expect(parseUserAgent('python-requests/2.32.3')).toEqual({
      family: 'other',
      product: 'python-requests',
      major: 2,
    });
    expect(parseUserAgent('(unknown)')).toEqual({ family: 'other' });
  });

  it('names service principals but not the console', () => {
    expect(servicePrincipalOf('cloudformation.amazonaws.com')).toBe('cloudformation.amazonaws.com');
    expect(servicePrincipalOf('signin.amazonaws.com')).toBeUndefined();
    expect(servicePrincipalOf('aws-cli/2.0.0')).toBeUndefined();
  });
});
