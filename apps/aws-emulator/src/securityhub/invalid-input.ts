import { AwsError } from '../aws/aws-error.js';

/** Security Hub's answer to a malformed request (HTTP 400). */
export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInputException', message, 400);
}
