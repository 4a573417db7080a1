import * as f from './fixtures.js';

describe('triage fixtures', () => {
  it.each([
    [
      'exfiltration',
      f.exfiltrationAsff,
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    ],
    ['github actions', f.githubActionsAsff, 'Discovery:IAMUser/AnomalousBehavior'],
    ['root console', f.rootConsoleAsff, 'Policy:IAMUser/RootCredentialUsage'],
    ['tor', f.torUserAsff, 'UnauthorizedAccess:IAMUser/TorIPCaller'],
    ['port probe', f.portProbeAsff, 'Recon:EC2/PortProbeUnprotectedPort'],
    ['S3.8 control', f.s3ControlAsff, 'S3.8'],
  ])('%s normalises into a frozen TriageFinding', (_, asff, findingType) => {
    const finding = f.triageOf(asff);
    expect(finding.findingType).toBe(findingType);
    expect(Object.isFrozen(finding.observables)).toBe(true);
    expect(Object.isFrozen(finding.resources[0])).toBe(true);
  });
});
