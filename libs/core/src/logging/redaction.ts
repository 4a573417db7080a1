/**
 * Log paths that may carry credentials. Tokens, API keys, AWS temporary credentials and passwords
 * never reach a log line, whichever object they travel in.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.apiKey',
  '*.secretAccessKey',
  '*.SecretAccessKey',
  '*.sessionToken',
  '*.SessionToken',
  '*.credentials',
  '*.Credentials',
  'err.config.headers.authorization',
];
