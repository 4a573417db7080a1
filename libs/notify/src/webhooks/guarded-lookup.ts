import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressAllowed } from './target-address.js';

/** The error a refused target fails with (its code lets the delivery log say why). */
export class RefusedTargetError extends Error {
  readonly code = 'EWEBHOOKTARGET';
}

/**
 * Every address a name resolves to, or a RefusedTargetError when one of them is internal (or loopback
 * without the insecure flag). One internal address is enough to refuse: a name that answers both is how a
 * DNS rebinding attack starts.
 */
export function resolveAllowed(hostname: string, allowInsecure: boolean): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return reject(error);
      const refused = addresses.find((a) => !addressAllowed(a.address, allowInsecure));
      if (refused) {
        return reject(
          new RefusedTargetError(`${hostname} resolves to ${refused.address}, which webhooks may not reach`),
        );
      }
      resolve(addresses);
    });
  });
}

/**
 * A `lookup` for the HTTP client: the socket connects only to addresses checked here, at connect time, so
 * a name that resolved to a public address when the endpoint was saved cannot be re-pointed at an internal
 * one later (DNS rebinding).
 */
export function guardedLookup(allowInsecure: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, allowInsecure).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) {
          return callback(
            Object.assign(new Error(`${hostname} has no IPv${wanted} address`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
