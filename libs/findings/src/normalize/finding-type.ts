import type { AsffFinding } from './asff-schema.js';
import { asffTypeToGuardDuty } from './guardduty-type.js';
import { asString, at } from './read.js';

const GUARDDUTY_PRODUCT = /:product\/aws\/guardduty$/;

/**
 * The short, stable type patterns and rules key on: the GuardDuty type for GuardDuty findings (so that both
 * arrival paths agree), the Security Hub control id (S3.8) for control findings, the vulnerability id (CVE-…)
 * for vulnerability findings, else the first ASFF type.
 */
export function asffFindingType(raw: Record<string, unknown>, finding: AsffFinding): string {
  if (GUARDDUTY_PRODUCT.test(finding.ProductArn)) {
    const native = finding.Types.map(asffTypeToGuardDuty).find((type) => type !== undefined);
    if (native) return native;
  }
  return (
    asString(at(raw, 'Compliance', 'SecurityControlId')) ??
    // Before consolidated control findings the control id was only in ProductFields / GeneratorId.
    asString(at(raw, 'ProductFields', 'ControlId')) ??
    /^security-control\/(.+)$/.exec(finding.GeneratorId)?.[1] ??
    asString(at(Array.isArray(raw.Vulnerabilities) ? raw.Vulnerabilities[0] : undefined, 'Id')) ??
    finding.Types[0]
  );
}
