import { asList, isJsonObject, section, type JsonObject } from '../template-model.js';

/**
 * Customers fill these templates in the console, often from a quick-create link. Every parameter gets a
 * group and a label there, so none appears unexplained at the bottom of the form.
 */

export function checkParameterInterface(template: JsonObject): string[] {
  const parameters = Object.keys(section(template, 'Parameters'));
  const metadata = template['Metadata'];
  const ui = isJsonObject(metadata) ? metadata['AWS::CloudFormation::Interface'] : undefined;
  if (!isJsonObject(ui)) return ['Metadata.AWS::CloudFormation::Interface: missing'];
  const grouped = asList(ui['ParameterGroups']).flatMap((group) =>
    isJsonObject(group) ? asList(group['Parameters']) : [],
  );
  const labels = isJsonObject(ui['ParameterLabels']) ? ui['ParameterLabels'] : {};
  const problems: string[] = [];
  for (const name of parameters) {
    const times = grouped.filter((entry) => entry === name).length;
    if (times !== 1)
      problems.push(`Parameters.${name}: must be in exactly one ParameterGroup, is in ${times}`);
    if (!isJsonObject(labels[name])) problems.push(`Parameters.${name}: has no ParameterLabel`);
  }
  for (const name of [...grouped, ...Object.keys(labels)]) {
    if (typeof name !== 'string' || !parameters.includes(name)) {
      problems.push(
        `Metadata.AWS::CloudFormation::Interface: names unknown parameter ${JSON.stringify(name)}`,
      );
    }
  }
  return problems;
}
