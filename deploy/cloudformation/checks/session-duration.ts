import { isRefTo, resourcesOfType, section, show, type JsonObject } from '../template-model.js';

/**
 * Assumed credentials are what an attacker who breaches Sieve would hold, so their lifetime is bounded:
 * IAM allows 3600..43200 seconds, and the default stays at the one hour Sieve uses (its calls are role
 * chaining, which AWS caps at one hour regardless).
 */

export const SESSION_PARAMETER = 'MaxSessionDuration';
export const SESSION_BOUNDS = { min: 3600, max: 43200, default: 3600 } as const;

export function checkSessionDuration(template: JsonObject): string[] {
  const problems: string[] = [];
  const parameter = section(template, 'Parameters')[SESSION_PARAMETER];
  if (!parameter) return [`Parameters.${SESSION_PARAMETER}: missing`];
  const where = `Parameters.${SESSION_PARAMETER}`;
  if (parameter['Type'] !== 'Number') problems.push(`${where}: Type must be Number`);
  const { MinValue: min, MaxValue: max, Default: fallback } = parameter;
  if (typeof min !== 'number' || min < SESSION_BOUNDS.min) {
    problems.push(`${where}: MinValue must be at least ${SESSION_BOUNDS.min}, got ${show(min)}`);
  }
  if (typeof max !== 'number' || max > SESSION_BOUNDS.max) {
    problems.push(`${where}: MaxValue must be at most ${SESSION_BOUNDS.max}, got ${show(max)}`);
  }
  if (fallback !== SESSION_BOUNDS.default) {
    problems.push(`${where}: Default must be ${SESSION_BOUNDS.default}, got ${show(fallback)}`);
  }
  for (const { logicalId, properties } of resourcesOfType(template, 'AWS::IAM::Role')) {
    if (!isRefTo(properties['MaxSessionDuration'], SESSION_PARAMETER)) {
      problems.push(
        `Resources.${logicalId}.Properties.MaxSessionDuration: must be !Ref ${SESSION_PARAMETER}`,
      );
    }
  }
  return problems;
}
