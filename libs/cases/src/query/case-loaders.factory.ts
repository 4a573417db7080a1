import { Injectable } from '@nestjs/common';
import { ErrorCode, type Principal, SieveException } from '@sieve/core';
import { CaseAccess } from '../access/case-access.js';
import { CaseLoaders } from './case-loaders.js';
import { ReadSession } from './read-session.js';

/** One CaseLoaders per GraphQL request, kept on the request's context object. */
@Injectable()
export class CaseLoadersFactory {
  private readonly byContext = new WeakMap<object, CaseLoaders>();

  constructor(private readonly access: CaseAccess) {}

  of(context: object, principal: Principal): CaseLoaders {
    let loaders = this.byContext.get(context);
    if (!loaders) {
      loaders = new CaseLoaders(
        new ReadSession((work) => {
          const read = this.access.read(principal, 'case details', work);
          if (!read)
            throw new SieveException(ErrorCode.NotFound, 'No cases are visible to these credentials');
          return read;
        }),
      );
      this.byContext.set(context, loaders);
    }
    return loaders;
  }
}
