import type { Random } from '../random.js';

/** User agents as CloudTrail records them for the tools each party really uses. */
export function terraformUserAgent(random: Random, service: string): string {
  const minor = random.pick(['1.9.8', '1.10.2', '1.10.5']);
  return (
    `APN/1.0 HashiCorp/1.0 Terraform/${minor} (+https://www.terraform.io) terraform-provider-aws/5.80.0 ` +
    `(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 ` +
    `md/GOOS#linux md/GOARCH#amd64 api/${service}#1.56.1`
  );
}

export function awsCliUserAgent(random: Random, os: 'azure' | 'desktop', command: string): string {
  const version = random.pick(['2.22.10', '2.22.21', '2.23.2']);
  const platform =
    os === 'azure' ? 'os/linux#6.5.0-1025-azure md/arch#x86_64' : 'os/macos#24.1.0 md/arch#arm64';
  return (
    `aws-cli/${version} md/awscrt#0.23.4 ua/2.0 ${platform} lang/python#3.12.6 md/pyimpl#CPython ` +
    `cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#${command}`
  );
}

export function boto3UserAgent(random: Random): string {
  const version = random.pick(['1.35.76', '1.35.81', '1.35.90']);
  return (
    `Boto3/${version} md/Botocore#${version} ua/2.0 os/linux#6.1.0-1028-aws md/arch#x86_64 lang/python#3.11.2 ` +
    `md/pyimpl#CPython cfg/retry-mode#legacy Botocore/${version}`
  );
}

export function javaSdkUserAgent(): string {
  return 'aws-sdk-java/2.29.34 Linux/6.1.0-1028-aws OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/standard';
}

export function browserUserAgent(random: Random): string {
  const chrome = random.pick(['130', '131']);
  return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36`;
}
