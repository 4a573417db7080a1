import type { OperationDefinition } from '../aws/service-definition.js';
import { batchImportFindings } from './batch-import-findings.handler.js';
import { batchUpdateFindings } from './batch-update-findings.handler.js';
import { getFindings } from './get-findings.handler.js';
import { SECURITY_HUB } from './securityhub.service.js';

export interface RestRoute {
  method: string;
  path: string;
  operation: OperationDefinition;
}

/** The REST routes of the Security Hub operations the emulator implements. */
export const SECURITY_HUB_ROUTES: RestRoute[] = [
  {
    method: 'POST',
    path: '/findings',
    operation: {
      service: SECURITY_HUB,
      name: 'GetFindings',
      iamAction: 'securityhub:GetFindings',
      handle: getFindings,
    },
  },
  {
    method: 'POST',
    path: '/findings/import',
    operation: {
      service: SECURITY_HUB,
      name: 'BatchImportFindings',
      iamAction: 'securityhub:BatchImportFindings',
      handle: batchImportFindings,
    },
  },
  {
    method: 'PATCH',
    path: '/findings/batchupdate',
    operation: {
      service: SECURITY_HUB,
      name: 'BatchUpdateFindings',
      iamAction: 'securityhub:BatchUpdateFindings',
      handle: batchUpdateFindings,
    },
  },
];
