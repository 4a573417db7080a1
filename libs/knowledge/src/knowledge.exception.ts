import { ErrorCode, SieveException } from '@sieve/core';
import type { PatternStatus } from './patterns/pattern-status.js';

/** Errors of the known-good knowledge base. */
export class KnowledgeException extends SieveException {
  static invalidPattern(issues: readonly string[]): KnowledgeException {
    return new KnowledgeException(ErrorCode.BadUserInput, `Invalid pattern: ${issues.join('; ')}`, {
      issues,
    });
  }

  static mayNotManage(): KnowledgeException {
    return new KnowledgeException(
      ErrorCode.Forbidden,
      "Managing known-good patterns needs the tenant's admin access, or an MSSP analyst assigned to the tenant",
    );
  }

  static wrongStatus(
    reference: string,
    status: PatternStatus,
    action: string,
    hint = '',
  ): KnowledgeException {
    return new KnowledgeException(
      ErrorCode.Conflict,
      `Pattern ${reference} is ${status}: it cannot be ${action}${hint ? ` (${hint})` : ''}`,
      { status },
    );
  }
}
