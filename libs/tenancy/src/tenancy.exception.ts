import { ErrorCode, SieveException } from '@sieve/core';

/** Errors of the tenancy domain: tenants, people, memberships and API keys. */
export class TenancyException extends SieveException {
  static slugTaken(slug: string): TenancyException {
    return new TenancyException(ErrorCode.Conflict, `A tenant with slug "${slug}" already exists`);
  }

  static invalidTimeZone(zone: string): TenancyException {
    return new TenancyException(
      ErrorCode.BadUserInput,
      `"${zone}" is not an IANA time zone (e.g. Europe/Paris)`,
    );
  }

  static alreadyMember(email: string): TenancyException {
    return new TenancyException(ErrorCode.Conflict, `${email} is already a member of this tenant`);
  }

  static invalid(message: string): TenancyException {
    return new TenancyException(ErrorCode.BadUserInput, message);
  }
}
