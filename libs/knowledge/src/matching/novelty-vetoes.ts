import type { PatternSupport } from '../patterns/pattern-schema.js';
import { type Predicate, predicateFeature } from '../patterns/predicate.js';
import { type MatchQuery, type PatternVeto, VetoKind } from './match-result.js';

/**
 * Veto groups a pattern can pin down itself. A pattern that says which values of a feature are fine (an
 * equals, in, prefix, range, CIDR or ASN predicate on it) has spoken about that signal: `remoteAsn ∈
 * {AS8075}` already covers the hosting provider and the ASN, so neither "hosting remote" nor "new ASN"
 * vetoes it. `present` / `absent` pin nothing down.
 */
const Group = {
  Country: 1 << 0,
  Asn: 1 << 1,
  UserAgent: 1 << 2,
  Hosting: 1 << 3,
  Tor: 1 << 4,
  Tagged: 1 << 5,
  Port: 1 << 6,
  ApiAction: 1 << 7,
} as const;

const GROUPS_BY_FEATURE: Readonly<Record<string, number>> = {
  remoteCountry: Group.Country,
  remoteAsn: Group.Asn | Group.Hosting,
  remoteAsnOrg: Group.Asn | Group.Hosting,
  remoteIp: Group.Asn | Group.Hosting,
  remoteHosting: Group.Hosting,
  remoteHostingProvider: Group.Hosting,
  remoteTor: Group.Tor,
  userAgentFamily: Group.UserAgent,
  resourceTagged: Group.Tagged,
  resourceTagKeys: Group.Tagged,
  resourceTags: Group.Tagged,
  localPort: Group.Port,
  localPorts: Group.Port,
  apiAction: Group.ApiAction,
  apiService: Group.ApiAction,
};

export function constraintMask(predicates: readonly Predicate[]): number {
  let mask = 0;
  for (const p of predicates) {
    if (!p || p.op === 'present' || p.op === 'absent') continue;
    mask |= GROUPS_BY_FEATURE[predicateFeature(p)] ?? 0;
  }
  return mask;
}

export interface VetoSubject {
  readonly allowCritical: boolean;
  readonly support: PatternSupport | null;
  /** `constraintMask` of the pattern's predicates. */
  readonly constrains: number;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Why this pattern must not suppress this finding, if anything: the finding carries a signal the pattern's
 * support did not (DESIGN.md, known-good patterns). Each veto is waived when the support saw the value or
 * the pattern pins the feature down itself.
 *
 * - CRITICAL findings, unless the pattern allows them;
 * - a country, ASN or user-agent family new for the finding's principal (history flags), unless the
 *   support lists that value; only against a baseline: on a principal's first sighting in the tenant
 *   (`historyBaseline: false`) everything is "new" and says nothing (a new tenant, a new role), so these
 *   three do not fire there, while the hosting, Tor, tag, port and action vetoes still do;
 * - a remote on a hosting/VPS provider the support did not list (a support without hosting providers
 *   vetoes every hosting remote), a Tor remote unless the support had Tor;
 * - an untagged resource where the support's resources were tagged;
 * - a local port outside the support's exposed ports, an API action outside the support's actions (only
 *   when the support records ports / actions).
 */
export function noveltyVetoes(subject: VetoSubject, query: MatchQuery): PatternVeto[] {
  const fp = query.fingerprint;
  const support = subject.support;
  const pinned = (group: number) => (subject.constrains & group) !== 0;
  const vetoes: PatternVeto[] = [];
  const veto = (kind: VetoKind, feature: string | null, value: string | null, reason: string) =>
    vetoes.push({ kind, feature, value, reason });

  if (query.severityLabel === 'CRITICAL' && !subject.allowCritical) {
    veto(VetoKind.CRITICAL_SEVERITY, null, null, 'CRITICAL finding, and the pattern does not allow CRITICAL');
  }

  // Absent (no history enrichment) keeps the vetoes: only an explicit first sighting waives them.
  const hasBaseline = fp.historyBaseline !== false;
  const country = str(fp.remoteCountry);
  if (
    fp.newCountry === true &&
    hasBaseline &&
    !pinned(Group.Country) &&
    !support?.countries?.includes(country ?? '')
  ) {
    veto(
      VetoKind.NEW_COUNTRY,
      'remoteCountry',
      country ?? null,
      `new country ${country ?? '?'} for this principal`,
    );
  }
  const asn = typeof fp.remoteAsn === 'number' ? fp.remoteAsn : undefined;
  if (
    fp.newAsn === true &&
    hasBaseline &&
    !pinned(Group.Asn) &&
    (asn === undefined || !support?.asns?.includes(asn))
  ) {
    const label = asn === undefined ? '?' : `AS${asn}`;
    veto(
      VetoKind.NEW_ASN,
      'remoteAsn',
      asn === undefined ? null : String(asn),
      `new ASN ${label} for this principal`,
    );
  }
  const family = str(fp.userAgentFamily);
  if (
    fp.newUserAgentFamily === true &&
    hasBaseline &&
    !pinned(Group.UserAgent) &&
    !support?.userAgentFamilies?.includes(family ?? '')
  ) {
    veto(
      VetoKind.NEW_USER_AGENT_FAMILY,
      'userAgentFamily',
      family ?? null,
      `new user-agent family ${family ?? '?'} for this principal`,
    );
  }

  if (fp.remoteHosting === true && !pinned(Group.Hosting)) {
    const provider = str(fp.remoteHostingProvider) ?? 'unknown';
    if (!support?.hostingProviders?.includes(provider)) {
      const where = asn === undefined ? '' : ` (AS${asn})`;
      veto(
        VetoKind.HOSTING_REMOTE,
        'remoteHostingProvider',
        provider,
        `remote on hosting provider ${provider}${where}, not in the pattern's support`,
      );
    }
  }
  if (fp.remoteTor === true && !pinned(Group.Tor) && support?.tor !== true) {
    veto(VetoKind.TOR_REMOTE, 'remoteTor', 'true', 'remote is a Tor node');
  }

  if (fp.resourceTagged === false && support?.tagged === true && !pinned(Group.Tagged)) {
    veto(
      VetoKind.UNTAGGED_RESOURCE,
      'resourceTagged',
      'false',
      "resource is untagged, the pattern's support was tagged",
    );
  }

  const exposed = support?.localPorts;
  if (exposed && !pinned(Group.Port)) {
    const ports = Array.isArray(fp.localPorts) ? fp.localPorts : [];
    const outside = ports.filter((p) => !exposed.includes(p));
    if (outside.length) {
      veto(
        VetoKind.PORT_NOT_EXPOSED,
        'localPorts',
        outside.join(','),
        `local port ${outside.join(', ')} not exposed in the pattern's support (${exposed.join(', ') || 'none'})`,
      );
    }
  }

  const action = str(fp.apiAction);
  const actions = support?.apiActions;
  if (actions && action !== undefined && !pinned(Group.ApiAction) && !actions.includes(action)) {
    veto(
      VetoKind.API_ACTION_OUTSIDE_SUPPORT,
      'apiAction',
      action,
      `API action ${action} outside the pattern's support`,
    );
  }
  return vetoes;
}
