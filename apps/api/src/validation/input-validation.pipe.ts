import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ErrorCode, SieveException } from '@sieve/core';
import type { ValidationError } from 'class-validator';

/** Parameters that carry client input: REST bodies, queries and path parameters, GraphQL arguments. */
const CLIENT_INPUT: ReadonlySet<string> = new Set(['body', 'query', 'param', 'args']);

function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`),
      ...describeValidationErrors(e.children ?? [], path),
    ];
  });
}

/**
 * Validates and transforms client input, answering BAD_USER_INPUT with every violation named. Only client
 * input: a GraphQL field resolver's parent object, context and info are the server's own values, and
 * running class-transformer and class-validator over the parent of every resolved field (50 cases × their
 * fields on one queue page) was a large share of a request's time.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      exceptionFactory: (errors) =>
        new SieveException(
          ErrorCode.BadUserInput,
          describeValidationErrors(errors).join('; ') || 'Invalid input',
        ),
    });
  }

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return CLIENT_INPUT.has(metadata.type) && super.toValidate(metadata);
  }
}
