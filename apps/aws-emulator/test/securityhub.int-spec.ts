import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  paginateGetFindings,
  SecurityHubClient,
  type AwsSecurityFinding,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import { startAwsEmulator, type AwsCredentials, type RunningAwsEmulator } from '../src/index.js';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  assumeRole,
  errorOf,
  EXTERNAL_ID_A,
  EXTERNAL_ID_B,
  makeFinding,
  testSeed,
} from './emulator-fixture.js';

describe('aws-emulator Security Hub (real @aws-sdk/client-securityhub)', () => {
  let emulator: RunningAwsEmulator;
  let credentialsA: AwsCredentials;
  let credentialsB: AwsCredentials;
  const clients: SecurityHubClient[] = [];
  const hub = (credentials: AwsCredentials, region = 'us-east-1'): SecurityHubClient => {
    const client = new SecurityHubClient(emulator.clientConfig({ credentials, region }));
    clients.push(client);
    return client;
  };
  const findingsOf = async (client: SecurityHubClient, Filters?: AwsSecurityFindingFilters) => {
    const found: AwsSecurityFinding[] = [];
    for await (const page of paginateGetFindings({ client, pageSize: 100 }, { Filters })) {
      found.push(...(page.Findings ?? []));
    }
    return found;
  };

  beforeEach(async () => {
    emulator = await startAwsEmulator({ port: 0, seed: testSeed() });
    credentialsA = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    credentialsB = await assumeRole(emulator, ACCOUNT_B, EXTERNAL_ID_B);
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.close();
  });

  it("returns only the caller account's findings, in the signing region only", async () => {
    const a = await findingsOf(hub(credentialsA));
    const b = await findingsOf(hub(credentialsB));
    expect(a.map((finding) => finding.AwsAccountId)).toEqual([ACCOUNT_A]);
    expect(b.map((finding) => finding.AwsAccountId)).toEqual([ACCOUNT_B]);
    expect(await findingsOf(hub(credentialsA, 'eu-west-1'))).toEqual([]);
  });

  it("cannot update another account's finding: it is Unprocessed and left untouched", async () => {
    const [findingOfB] = emulator.admin.listFindings(ACCOUNT_B, 'us-east-1');
    const result = await hub(credentialsA).send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: findingOfB.Id, ProductArn: findingOfB.ProductArn }],
        Workflow: { Status: 'SUPPRESSED' },
      }),
    );
    expect(result.ProcessedFindings).toEqual([]);
    expect(result.UnprocessedFindings).toEqual([
      {
        FindingIdentifier: { Id: findingOfB.Id, ProductArn: findingOfB.ProductArn },
        ErrorCode: 'FindingNotFound',
        ErrorMessage: expect.any(String),
      },
    ]);
    expect(emulator.admin.listFindings(ACCOUNT_B, 'us-east-1')[0].Workflow).toEqual({ Status: 'NEW' });
  });

  it('paginates with NextToken, returning every finding exactly once even while findings change', async () => {
    emulator.admin.injectFindings(
      ACCOUNT_A,
      'us-east-1',
      Array.from({ length: 249 }, (_, index) => makeFinding(ACCOUNT_A, 'us-east-1', index + 1)),
    );
    const client = hub(credentialsA);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new GetFindingsCommand({ MaxResults: 7, NextToken: token }));
      seen.push(...(page.Findings ?? []).map((finding) => finding.Id ?? ''));
      token = page.NextToken;
      pages++;
      if (pages === 3) {
        // An update moves the finding to the front of the default UpdatedAt order; the walk must
        // neither repeat nor skip it.
        const last = emulator.admin.listFindings(ACCOUNT_A, 'us-east-1').at(-1);
        await client.send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: [{ Id: last?.Id, ProductArn: last?.ProductArn }],
            Note: { Text: 'touched mid-walk', UpdatedBy: 'test' },
          }),
        );
      }
    } while (token);
    expect(pages).toBe(Math.ceil(250 / 7));
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it.each([0, 101])('refuses MaxResults %i with InvalidInputException', async (MaxResults) => {
    const error = await errorOf(hub(credentialsA).send(new GetFindingsCommand({ MaxResults })));
    expect(error.name).toBe('InvalidInputException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('refuses a NextToken from another account', async () => {
    emulator.admin.injectFindings(ACCOUNT_A, 'us-east-1', [makeFinding(ACCOUNT_A, 'us-east-1', 1)]);
    const page = await hub(credentialsA).send(new GetFindingsCommand({ MaxResults: 1 }));
    expect(page.NextToken).toBeDefined();
    const error = await errorOf(
      hub(credentialsB).send(new GetFindingsCommand({ NextToken: page.NextToken })),
    );
    expect(error.name).toBe('InvalidInputException');
  });

  describe('filters and sorting', () => {
    beforeEach(() => {
      emulator.admin.injectFindings(ACCOUNT_A, 'us-east-1', [
        makeFinding(ACCOUNT_A, 'us-east-1', 1, {
          Severity: { Label: 'HIGH' },
          Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
        }),
        makeFinding(ACCOUNT_A, 'us-east-1', 2, {
          Severity: { Label: 'CRITICAL' },
          Workflow: { Status: 'SUPPRESSED' },
        }),
        makeFinding(ACCOUNT_A, 'us-east-1', 3, {
          Severity: { Label: 'HIGH' },
          Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::bucket-3' }],
        }),
      ]);
    });
    const ids = async (Filters: AwsSecurityFindingFilters) =>
      (await findingsOf(hub(credentialsA), Filters)).map((finding) => Number(finding.Id?.slice(-4))).sort();

    it('applies EQUALS, PREFIX and NOT_EQUALS string filters', async () => {
      expect(await ids({ SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] })).toEqual([1, 3]);
      expect(await ids({ Type: [{ Value: 'TTPs/Discovery/', Comparison: 'PREFIX' }] })).toEqual([1]);
      expect(await ids({ WorkflowStatus: [{ Value: 'SUPPRESSED', Comparison: 'NOT_EQUALS' }] })).toEqual([
        0, 1, 3,
      ]);
      expect(await ids({ ResourceType: [{ Value: 'AwsS3Bucket', Comparison: 'EQUALS' }] })).toEqual([3]);
      expect(
        await ids({
          SeverityLabel: [
            { Value: 'HIGH', Comparison: 'EQUALS' },
            { Value: 'CRITICAL', Comparison: 'EQUALS' },
          ],
          ResourceId: [{ Value: 'arn:aws:ec2:', Comparison: 'PREFIX' }],
        }),
      ).toEqual([1, 2]);
    });

    it('applies date filters with Start/End and DateRange', async () => {
      // makeFinding(i) is stamped 2026-01-01T00:0i:00Z.
      expect(
        await ids({ UpdatedAt: [{ Start: '2026-01-01T00:01:00.000Z', End: '2026-01-01T00:02:00.000Z' }] }),
      ).toEqual([1, 2]);
      expect(await ids({ CreatedAt: [{ DateRange: { Value: 1, Unit: 'DAYS' } }] })).toEqual([]);
      expect(await ids({ CreatedAt: [{ DateRange: { Value: 100000, Unit: 'DAYS' } }] })).toEqual([
        0, 1, 2, 3,
      ]);
    });

    it('sorts by SortCriteria', async () => {
      const page = await hub(credentialsA).send(
        new GetFindingsCommand({ SortCriteria: [{ Field: 'CreatedAt', SortOrder: 'asc' }] }),
      );
      expect(page.Findings?.map((finding) => finding.Title)).toEqual(
        [0, 1, 2, 3].map((i) => `Test finding ${i}`),
      );
      const bySeverity = await hub(credentialsA).send(
        new GetFindingsCommand({ SortCriteria: [{ Field: 'SeverityNormalized', SortOrder: 'desc' }] }),
      );
      expect(bySeverity.Findings?.[0].Severity?.Label).toBe('CRITICAL');
    });

    it('refuses combinations AWS refuses', async () => {
      const error = await errorOf(
        ids({
          Id: [
            { Value: 'a', Comparison: 'EQUALS' },
            { Value: 'b', Comparison: 'NOT_EQUALS' },
          ],
        }),
      );
      expect(error.name).toBe('InvalidInputException');
    });
  });

  describe('BatchImportFindings', () => {
    it('imports valid findings, reports invalid and foreign ones, and upserts by ProductArn and Id', async () => {
      const client = hub(credentialsA);
      const valid = makeFinding(ACCOUNT_A, 'us-east-1', 10);
      const { Title: _, ...untitled } = makeFinding(ACCOUNT_A, 'us-east-1', 11);
      const foreign = makeFinding(ACCOUNT_B, 'us-east-1', 12);
      const result = await client.send(
        new BatchImportFindingsCommand({ Findings: [valid, untitled as never, foreign] }),
      );
      expect(result.SuccessCount).toBe(1);
      expect(result.FailedCount).toBe(2);
      expect(result.FailedFindings).toEqual([
        {
          Id: untitled.Id,
          ErrorCode: 'InvalidInput',
          ErrorMessage: expect.stringContaining('Title is required'),
        },
        {
          Id: foreign.Id,
          ErrorCode: 'AccessDeniedException',
          ErrorMessage: expect.stringContaining(ACCOUNT_B),
        },
      ]);

      await client.send(new BatchImportFindingsCommand({ Findings: [{ ...valid, Title: 'Renamed' }] }));
      const titles = (await findingsOf(client))
        .filter((finding) => finding.Id === valid.Id)
        .map((f) => f.Title);
      expect(titles).toEqual(['Renamed']);
      expect(emulator.admin.listFindings(ACCOUNT_B, 'us-east-1')).toHaveLength(1);
    });
  });

  describe('BatchUpdateFindings', () => {
    it('updates workflow, note and severity, sets UpdatedAt, and reports unknown and duplicate identifiers', async () => {
      const client = hub(credentialsA);
      const [target] = emulator.admin.listFindings(ACCOUNT_A, 'us-east-1');
      const identifier = { Id: target.Id, ProductArn: target.ProductArn };
      const before = Date.now();
      const result = await client.send(
        new BatchUpdateFindingsCommand({
          FindingIdentifiers: [identifier, { Id: 'missing', ProductArn: target.ProductArn }, identifier],
          Workflow: { Status: 'SUPPRESSED' },
          Note: { Text: 'Known-good pattern p-42', UpdatedBy: 'sieve' },
          Severity: { Label: 'INFORMATIONAL' },
          VerificationState: 'BENIGN_POSITIVE',
          UserDefinedFields: { sievePattern: 'p-42' },
        }),
      );
      expect(result.ProcessedFindings).toEqual([identifier]);
      expect(result.UnprocessedFindings?.map((item) => item.ErrorCode)).toEqual([
        'FindingNotFound',
        'DuplicatedFindingIdentifier',
      ]);

      const [updated] = await findingsOf(hub(credentialsA));
      expect(updated.Workflow?.Status).toBe('SUPPRESSED');
      expect(updated.Note).toMatchObject({ Text: 'Known-good pattern p-42', UpdatedBy: 'sieve' });
      expect(updated.Severity).toMatchObject({ Label: 'INFORMATIONAL', Normalized: 0 });
      expect(updated.VerificationState).toBe('BENIGN_POSITIVE');
      expect(updated.UserDefinedFields).toEqual({ sievePattern: 'p-42' });
      expect(Date.parse(updated.UpdatedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);

      // The provider re-importing the finding must not undo the customer's workflow decision.
      await client.send(
        new BatchImportFindingsCommand({ Findings: [{ ...target, Workflow: { Status: 'NEW' } }] }),
      );
      const [reimported] = await findingsOf(hub(credentialsA));
      expect(reimported.Workflow?.Status).toBe('SUPPRESSED');
    });

    it('refuses an invalid workflow status and an update without changes', async () => {
      const [target] = emulator.admin.listFindings(ACCOUNT_A, 'us-east-1');
      const FindingIdentifiers = [{ Id: target.Id, ProductArn: target.ProductArn }];
      const badStatus = await errorOf(
        hub(credentialsA).send(
          new BatchUpdateFindingsCommand({ FindingIdentifiers, Workflow: { Status: 'CLOSED' as never } }),
        ),
      );
      expect(badStatus.name).toBe('InvalidInputException');
      const nothing = await errorOf(
        hub(credentialsA).send(new BatchUpdateFindingsCommand({ FindingIdentifiers })),
      );
      expect(nothing.name).toBe('InvalidInputException');
    });

    it("is denied to a role whose permissions don't include it", async () => {
      const readOnly = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A, { roleName: 'ReadOnlyNoWrite' });
      const [target] = emulator.admin.listFindings(ACCOUNT_A, 'us-east-1');
      const error = await errorOf(
        hub(readOnly).send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: [{ Id: target.Id, ProductArn: target.ProductArn }],
            Workflow: { Status: 'RESOLVED' },
          }),
        ),
      );
      expect(error.name).toBe('AccessDeniedException');
      expect(error.$metadata?.httpStatusCode).toBe(403);
      expect(await findingsOf(hub(readOnly))).toHaveLength(1);
    });
  });
});
