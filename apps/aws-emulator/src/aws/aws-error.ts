/**
 * An error answered to an AWS SDK client. Handlers throw it with the service's own error code;
 * the service's protocol renders it on the wire (XML ErrorResponse, REST-JSON or JSON 1.1 body).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}
