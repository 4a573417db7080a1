/**
 * The user-agent families that matter in AWS findings. AWS tools write `product/version` tokens
 * (`aws-cli/2.15.30 Python/3.11.8 …`, `Boto3/1.35.76 md/Botocore#1.35.76 …`, `aws-sdk-go-v2/1.32.7 …`);
 * wrappers put their own token first or anywhere (Terraform: `APN/1.0 HashiCorp/1.0 Terraform/1.9.8 …
 * aws-sdk-go-v2/…`), so wrappers are looked for before SDKs. GuardDuty sometimes wraps the value in [ ].
 */
export type UserAgentFamily =
  | 'aws-cli'
  | 'boto3'
  | 'botocore'
  | 'aws-sdk-js'
  | 'aws-sdk-js-v3'
  | 'aws-sdk-go'
  | 'aws-sdk-go-v2'
  | 'aws-sdk-java'
  | 'aws-sdk-dotnet'
  | 'aws-sdk-ruby'
  | 'aws-sdk-php'
  | 'aws-sdk-rust'
  | 'aws-sdk-cpp'
  | 'aws-powershell'
  | 'aws-cdk'
  | 'terraform'
  | 'pulumi'
  | 'console'
  | 'cloudformation'
  | 'aws-service'
  | 'browser'
  | 'other'
  | 'none';

export interface UserAgentInfo {
  family: UserAgentFamily;
  /** Major version of the family's product (the SDK, the CLI, Terraform, the browser), when it says one. */
  major?: number;
  /** For `other`: the first product token, lower-cased (`curl`, `python-requests`); tenant tools may show here. */
  product?: string;
}

/** Wrappers first: their user agents also carry the SDK they are built on. */
const RULES: readonly [RegExp, UserAgentFamily][] = [
  [/\bTerraform\/(\d+)/i, 'terraform'],
  [/\bPulumi\/(\d+)/i, 'pulumi'],
  [/\baws-cdk\/(\d+)/i, 'aws-cdk'],
  [/^aws-cli\/(\d+)/i, 'aws-cli'],
  [/\bAWSPowerShell(?:\.Common)?\/(\d+)/i, 'aws-powershell'],
  [/^Boto3\/(\d+)/i, 'boto3'],
  [/^Botocore\/(\d+)/i, 'botocore'],
  [/\baws-sdk-js\/(3)\./i, 'aws-sdk-js-v3'],
  [/\baws-sdk-(?:js|nodejs)\/(\d+)/i, 'aws-sdk-js'],
  [/\baws-sdk-go-v2\/(\d+)/i, 'aws-sdk-go-v2'],
  [/\baws-sdk-go\/(\d+)/i, 'aws-sdk-go'],
  [/\baws-sdk-java\/(\d+)/i, 'aws-sdk-java'],
  [/\baws-sdk-dotnet(?:-[a-z0-9]+)?\/(\d+)/i, 'aws-sdk-dotnet'],
  [/\baws-sdk-ruby\d*\/(\d+)/i, 'aws-sdk-ruby'],
  [/\baws-sdk-php\/(\d+)/i, 'aws-sdk-php'],
  [/\baws-sdk-rust\/(\d+)/i, 'aws-sdk-rust'],
  [/\baws-sdk-cpp\/(\d+)/i, 'aws-sdk-cpp'],
  // aws-cli v1 and other botocore users put botocore after their own token.
  [/\bBoto3\/(\d+)/i, 'boto3'],
  [/\bBotocore\/(\d+)/i, 'botocore'],
];

/** Sign-in and console endpoints CloudTrail / GuardDuty show instead of a browser's user agent. */
const CONSOLE = /^(?:console|signin|[a-z0-9-]+\.console)\.amazonaws\.com$|^AWS Console|^S3Console/i;
const SERVICE = /^([a-z0-9-]+)\.amazonaws\.com$/i;
const BROWSER_VERSIONS = [
  /\bEdg\/(\d+)/,
  /\bFirefox\/(\d+)/,
  /\bChrome\/(\d+)/,
  /\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//,
];

export function parseUserAgent(userAgent: string | undefined): UserAgentInfo {
  const ua = (userAgent ?? '')
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .trim();
  if (ua === '') return { family: 'none' };
  if (CONSOLE.test(ua)) return { family: 'console' };
  if (/^cloudformation\.amazonaws\.com$/i.test(ua)) return { family: 'cloudformation' };
  if (SERVICE.test(ua) || /^AWS Internal$/i.test(ua)) return { family: 'aws-service' };
  for (const [pattern, family] of RULES) {
    const match = pattern.exec(ua);
    if (match) return { family, major: Number(match[1]) };
  }
  if (/^Mozilla\/\d/.test(ua)) {
    for (const pattern of BROWSER_VERSIONS) {
      const match = pattern.exec(ua);
      if (match) return { family: 'browser', major: Number(match[1]) };
    }
    return { family: 'browser' };
  }
  const product = /^([A-Za-z][\w.-]*)(?:\/(\d+))?/.exec(ua);
  return product
    ? {
        family: 'other',
        product: product[1].toLowerCase(),
        ...(product[2] ? { major: Number(product[2]) } : {}),
      }
    : { family: 'other' };
}

/** The AWS service principal a user agent names (`cloudformation.amazonaws.com`), if it is one. */
export function servicePrincipalOf(userAgent: string | undefined): string | undefined {
  const ua = (userAgent ?? '').trim().toLowerCase();
  return SERVICE.test(ua) && !/^(console|signin)\./.test(ua) ? ua : undefined;
}
