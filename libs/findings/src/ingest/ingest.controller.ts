import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  Access,
  CurrentPrincipal,
  ErrorCode,
  type Principal,
  RequireAccess,
  SieveException,
} from '@sieve/core';
import type { IngestResult } from './ingest-result.js';
import { PushIngestService } from './push-ingest.service.js';

/**
 * `POST /ingest/events`: the target of a customer's EventBridge API destination, authenticated with an
 * API key of scope `ingest` (EventBridge sends it as the `X-Api-Key` header).
 */
@Controller('ingest')
export class IngestController {
  constructor(private readonly ingest: PushIngestService) {}

  @Post('events')
  @HttpCode(202)
  @RequireAccess(Access.Ingest)
  push(
    @CurrentPrincipal() principal: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<IngestResult> {
    if (!/^application\/json\b/i.test(contentType ?? '')) {
      throw new SieveException(
        ErrorCode.UnsupportedMediaType,
        `Content-Type must be application/json, got ${contentType ? `"${contentType}"` : 'none'}`,
      );
    }
    return this.ingest.ingest(principal.tenantId!, body);
  }
}
