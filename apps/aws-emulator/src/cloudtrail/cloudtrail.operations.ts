import type { OperationDefinition } from '../aws/service-definition.js';
import { CLOUDTRAIL } from './cloudtrail.service.js';
import { lookupEvents } from './lookup-events.handler.js';

/**
 * CloudTrail operations by the last part of `X-Amz-Target`. Current SDKs send
 * `CloudTrail_20131101.LookupEvents`, older ones prefix `com.amazonaws.cloudtrail.v20131101.`.
 */
export const CLOUDTRAIL_TARGET_PREFIXES = [
  'CloudTrail_20131101.',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.',
];

export const CLOUDTRAIL_OPERATIONS: Record<string, OperationDefinition> = {
  LookupEvents: {
    service: CLOUDTRAIL,
    name: 'LookupEvents',
    iamAction: 'cloudtrail:LookupEvents',
    handle: lookupEvents,
  },
};
