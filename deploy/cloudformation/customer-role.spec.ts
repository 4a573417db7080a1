import { checkCustomerRoleTemplate } from './template-checks.js';
import { MAX_TEMPLATE_BODY_BYTES } from './template-files.js';
import { resourcesOfType, section } from './template-model.js';
import { roleTemplate, roleTemplateText } from './mutation-testing.js';

// Each check also has its own spec in checks/, which proves it rejects a broken copy of this template.
describe('customer-role.yaml', () => {
  it('passes every check', () => {
    expect(checkCustomerRoleTemplate(roleTemplate)).toEqual([]);
  });

  it('fits in an inline template body', () => {
    expect(Buffer.byteLength(roleTemplateText)).toBeLessThanOrEqual(MAX_TEMPLATE_BODY_BYTES);
  });

  it('declares one role and nothing else', () => {
    const resources = Object.keys(section(roleTemplate, 'Resources'));
    expect(resources).toEqual(resourcesOfType(roleTemplate, 'AWS::IAM::Role').map((role) => role.logicalId));
    expect(resources).toHaveLength(1);
  });
});
