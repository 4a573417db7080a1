import { ErrorCode, SieveException } from '@sieve/core';

/** Errors of the notification domain: webhook endpoints and deliveries. */
export class NotifyException extends SieveException {
  static invalid(message: string): NotifyException {
    return new NotifyException(ErrorCode.BadUserInput, message);
  }

  static endpointDisabled(id: string): NotifyException {
    return new NotifyException(
      ErrorCode.Conflict,
      `Webhook endpoint ${id} is disabled: enable it before redelivering to it`,
    );
  }
}
