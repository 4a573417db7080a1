import {
  apiCallAsff,
  exfiltrationAsff,
  githubActionsAsff,
  portProbeAsff,
  rootConsoleAsff,
  TENANT_ID,
  torUserAsff,
  triageOf,
} from '../testing/fixtures.js';
import { PrincipalContextEnricher, principalContextOf } from './principal-context.enricher.js';

const role = (principalId: string, userAgent: string, name = 'deploy') =>
  triageOf(
    apiCallAsff({
      id: 'x',
      guardDutyType: 'Discovery:IAMUser/AnomalousBehavior',
      asffType: 'TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior',
      api: 'ListRoles',
      service: 'iam.amazonaws.com',
      userAgent,
      principal: { type: 'AssumedRole', name, principalId, accessKeyId: 'ASIAQ3EGWZJ5XXXXXXXX' },
    }),
  );

describe('principal-context', () => {
  it('an EC2 instance role used with the aws-cli', () => {
    expect(principalContextOf(triageOf(exfiltrationAsff))).toEqual({
      kind: 'assumed-role',
      principalType: 'AssumedRole',
      principalName: 'web-app-role',
      sessionName: 'i-0a1b2c3d4e5f60718',
      sessionNameShape: 'instance-id',
      principalKey: '123456789012:role/web-app-role',
      credentials: 'temporary',
      userAgent: { family: 'aws-cli', major: 2 },
      callerType: 'Remote IP',
      apiAction: 's3:ListBuckets',
    });
  });

  it('a GitHub Actions OIDC session running Terraform', () => {
    expect(principalContextOf(triageOf(githubActionsAsff))).toMatchObject({
      kind: 'ci-oidc',
      ciProvider: 'github-actions',
      sessionNameShape: 'ci',
      userAgent: { family: 'terraform', major: 1 },
      apiAction: 'ec2:DescribeInstances',
    });
  });

  it.each([
    ['AROAX:GitLabRunner-4711-99812', 'aws-cli/2.22.0 Python/3.12.6', 'gitlab'],
    ['AROAX:CircleCI-1f2e3d-deploy', 'aws-cli/2.22.0 Python/3.12.6', 'circleci'],
    ['AROAX:run-AbCdEfGh12345678', 'APN/1.0 HashiCorp/1.0 Terraform/1.10.0', 'terraform-cloud'],
    ['AROAX:whatever', 'configure-aws-credentials-for-github-actions', 'github-actions'],
  ])('CI heuristics: %s with %s → %s', (principalId, ua, provider) => {
    expect(principalContextOf(role(principalId, ua))).toMatchObject({
      kind: 'ci-oidc',
      ciProvider: provider,
    });
  });

  it('a run- session without Terraform, and an SSO permission-set role', () => {
    expect(principalContextOf(role('AROAX:run-AbCdEfGh12345678', 'Boto3/1.35.0')).kind).toBe('assumed-role');
    const sso = principalContextOf(
      role('AROAX:jane@example.com', 'Mozilla/5.0 Chrome/131.0', 'AWSReservedSSO_Admin_0123abcd'),
    );
    expect(sso).toMatchObject({
      kind: 'federated',
      sessionNameShape: 'email',
      userAgent: { family: 'browser' },
    });
  });

  it('root in the console, an IAM user with long-term keys, a service principal', () => {
    expect(principalContextOf(triageOf(rootConsoleAsff))).toMatchObject({
      kind: 'root',
      principalKey: '123456789012:root',
      userAgent: { family: 'browser', major: 131 },
      apiAction: 'signin:ConsoleLogin',
    });
    expect(principalContextOf(triageOf(torUserAsff))).toMatchObject({
      kind: 'iam-user',
      credentials: 'long-term',
      principalKey: '123456789012:user/alice@example.com',
      userAgent: { family: 'boto3', major: 1 },
    });
    const service = principalContextOf(role('AROAX:AWSCloudFormation', 'cloudformation.amazonaws.com'));
    expect(service).toMatchObject({
      kind: 'aws-service',
      servicePrincipal: 'cloudformation.amazonaws.com',
      userAgent: { family: 'cloudformation' },
    });
  });

  it('answers null for a finding with no principal, API call or user agent', async () => {
    const enricher = new PrincipalContextEnricher();
    expect(
      await enricher.enrich({ tenantId: TENANT_ID, finding: triageOf(portProbeAsff), results: {} }),
    ).toBeNull();
  });
});
