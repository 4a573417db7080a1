import { Injectable } from '@nestjs/common';
import type { Enricher, EnrichmentContext } from '../enrichment/enricher.js';
import { ipScope, parseIp } from '../ip/ip-address.js';
import type { TriageFinding, TriageResource } from '../triage-finding.js';

/** A normalised deployment stage: a small vocabulary, so it can be compared across tenants. */
export type EnvironmentClass = 'production' | 'staging' | 'development' | 'test' | 'sandbox' | 'other';

export interface ResourceSummary {
  type: string;
  /** ARN or provider id (tenant data). */
  id: string;
  region?: string;
  tagged: boolean;
  /** Tag keys, sorted. Keys are usually conventions (Environment, Owner); values are tenant data. */
  tagKeys: string[];
  tags: Record<string, string>;
  name?: string;
  /** Raw value of the Environment / Env / Stage tag. */
  environment?: string;
  environmentClass?: EnvironmentClass;
  /** Raw value of the Owner / Team / Contact tag. */
  owner?: string;
  /** aws:cloudformation:stack-name. */
  stack?: string;
  /** Machine image an instance was launched from (GuardDuty `imageId`, ASFF `AwsEc2Instance.ImageId`). */
  imageId?: string;
  /** A bucket configured to serve a static website (ASFF `AwsS3Bucket.BucketWebsiteConfiguration`). */
  website?: true;
}

export interface ResourceContext {
  /** The resource the finding is about: the first that is not the access key, else the first. */
  primary?: ResourceSummary;
  resources: ResourceSummary[];
  resourceTypes: string[];
  /** GuardDuty: whether the resource was the TARGET or the ACTOR of the activity. */
  resourceRole?: string;
  exposure: {
    /** Public addresses found in the resources' details (instance interfaces). */
    publicIps: string[];
    hasPublicIp: boolean;
    /** Local ports the activity reached (port probe, inbound connection); none for outbound activity. */
    ports: number[];
    direction?: string;
    /** Whether GuardDuty saw the traffic blocked (security group / NACL). */
    blocked?: boolean;
    /** A resource's details say it is public (S3 effective permission PUBLIC). */
    publicAccess: boolean;
  };
}

const ENVIRONMENT_KEYS = ['environment', 'env', 'stage', 'tier'];
const OWNER_KEYS = ['owner', 'team', 'contact', 'owner-email', 'owneremail'];
const STACK_KEY = 'aws:cloudformation:stack-name';

const ENVIRONMENT_CLASSES: readonly [RegExp, EnvironmentClass][] = [
  [/^(prod|production|prd|live)$/i, 'production'],
  [/^(stag|staging|stage|stg|preprod|pre-prod|uat)$/i, 'staging'],
  [/^(dev|develop|development)$/i, 'development'],
  [/^(test|testing|qa|ci)$/i, 'test'],
  [/^(sandbox|sbx|playground|lab)$/i, 'sandbox'],
];

/** `resource-context`: what was touched, who owns it, and how exposed it is. */
@Injectable()
export class ResourceContextEnricher implements Enricher<ResourceContext> {
  readonly name = 'resource-context';
  readonly inputs = [] as const;
  readonly outputs = ['primary', 'resources', 'resourceTypes', 'resourceRole', 'exposure'] as const;
  readonly timeoutMs = 500;

  async enrich({ finding }: EnrichmentContext): Promise<ResourceContext | null> {
    return resourceContextOf(finding);
  }
}

export function resourceContextOf(finding: TriageFinding): ResourceContext {
  const resources = finding.resources.map(summarise);
  const primary = resources.find((r) => r.type !== 'AwsIamAccessKey') ?? resources[0];
  const publicIps = [
    ...new Set(finding.resources.flatMap((r) => addressesIn(r.details)).filter((ip) => isPublic(ip))),
  ].sort();
  const { localPorts, direction, blocked, resourceRole } = finding.observables;
  const context: ResourceContext = {
    primary,
    resources,
    resourceTypes: [...new Set(resources.map((r) => r.type))].sort(),
    resourceRole,
    exposure: {
      publicIps,
      hasPublicIp: publicIps.length > 0,
      // The local port of an outbound connection (a port scan the instance runs) is an ephemeral source
      // port, not something the resource exposes: counting it made every scan "a port not exposed before".
      ports: direction === 'OUTBOUND' ? [] : [...localPorts].sort((a, b) => a - b),
      direction,
      blocked,
      publicAccess: finding.resources.some((r) => publicAccessOf(r.details)),
    },
  };
  if (context.primary === undefined) delete context.primary;
  if (context.resourceRole === undefined) delete context.resourceRole;
  if (context.exposure.direction === undefined) delete context.exposure.direction;
  if (context.exposure.blocked === undefined) delete context.exposure.blocked;
  return context;
}

function summarise(resource: Readonly<TriageResource>): ResourceSummary {
  const tags = { ...resource.tags };
  const byLowerKey = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
  const first = (keys: readonly string[]) => keys.map((k) => byLowerKey.get(k)).find((v) => v !== undefined);
  const environment = first(ENVIRONMENT_KEYS);
  const summary: ResourceSummary = {
    type: resource.type,
    id: resource.id,
    region: resource.region,
    tagged: Object.keys(tags).some((k) => !k.startsWith('aws:')),
    tagKeys: Object.keys(tags).sort(),
    tags,
    name: byLowerKey.get('name'),
    environment,
    environmentClass:
      environment === undefined
        ? undefined
        : (ENVIRONMENT_CLASSES.find(([p]) => p.test(environment.trim()))?.[1] ?? 'other'),
    owner: first(OWNER_KEYS),
    stack: byLowerKey.get(STACK_KEY),
    imageId: resource.type === 'AwsEc2Instance' ? imageIdOf(resource.details) : undefined,
    website: resource.type === 'AwsS3Bucket' && websiteOf(resource.details) ? true : undefined,
  };
  return Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== undefined)) as ResourceSummary;
}

/** Every string that parses as an IP under a key naming an address (ASFF IpV4Addresses, GuardDuty publicIp…). */
function addressesIn(details: unknown, key = '', depth = 0): string[] {
  if (depth > 8 || details === null || details === undefined) return [];
  if (typeof details === 'string') return /ip/i.test(key) && parseIp(details) ? [details] : [];
  if (Array.isArray(details)) return details.flatMap((item) => addressesIn(item, key, depth + 1));
  if (typeof details === 'object') {
    return Object.entries(details).flatMap(([k, v]) => addressesIn(v, k, depth + 1));
  }
  return [];
}

function isPublic(ip: string): boolean {
  const address = parseIp(ip);
  return address !== undefined && ipScope(address) === 'public';
}

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

/** The image id in an instance's details: native GuardDuty `imageId`, or ASFF `AwsEc2Instance.ImageId`. */
function imageIdOf(details: unknown): string | undefined {
  const d = details as { imageId?: unknown; AwsEc2Instance?: { ImageId?: unknown } } | undefined;
  const id = d?.imageId ?? d?.AwsEc2Instance?.ImageId;
  return typeof id === 'string' && AMI_ID.test(id) ? id : undefined;
}

/** ASFF bucket details with a website configuration (an index document or a redirect of every request). */
function websiteOf(details: unknown): boolean {
  const website = (details as { AwsS3Bucket?: { BucketWebsiteConfiguration?: unknown } } | undefined)
    ?.AwsS3Bucket?.BucketWebsiteConfiguration;
  return typeof website === 'object' && website !== null && Object.keys(website).length > 0;
}

/** GuardDuty S3 details: publicAccess.effectivePermission = PUBLIC. */
function publicAccessOf(details: unknown): boolean {
  const publicAccess = (details as { publicAccess?: { effectivePermission?: unknown } } | undefined)
    ?.publicAccess;
  return publicAccess?.effectivePermission === 'PUBLIC';
}
