import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup } from '../webhooks/guarded-lookup.js';
import { addressAllowed } from '../webhooks/target-address.js';
import { bareHost } from '../webhooks/webhook-url.js';

/** What one attempt got: a status code when the receiver answered, an error when it did not (or refused). */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
}

/** Enough of a receiver's answer to explain a failure in the delivery log. */
const MAX_ERROR_BODY = 500;

export interface SendOptions {
  timeoutMs: number;
  allowInsecure: boolean;
}

/**
 * POSTs one signed webhook. node:http(s) rather than `fetch`: Node 20's fetch cannot be given a DNS
 * lookup, and the lookup is where every address is checked at connect time (no DNS rebinding to internal
 * addresses). Redirects are not followed (a 3xx is a failed attempt): following one would let a receiver
 * send us anywhere. The time limit covers the whole exchange, connect to last byte.
 */
export function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<SendResult> {
  const url = new URL(target);
  const secure = url.protocol === 'https:';
  if (!secure && !(options.allowInsecure && url.protocol === 'http:')) {
    return Promise.resolve({ statusCode: null, error: 'refused: webhook URLs must use https' });
  }
  // Sockets to an IP literal skip the lookup: check the literal here.
  const host = bareHost(url);
  if (isIP(host) && !addressAllowed(host, options.allowInsecure)) {
    return Promise.resolve({ statusCode: null, error: `refused: ${host} is not a public address` });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Sieve-Webhooks/1.0',
        },
        lookup: guardedLookup(options.allowInsecure),
        signal: AbortSignal.timeout(options.timeoutMs),
        // A fresh connection per attempt: a pooled socket would skip the address check of this attempt.
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const ok = statusCode >= 200 && statusCode < 300;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < MAX_ERROR_BODY) text += chunk;
        });
        const done = () =>
          finish({
            statusCode,
            error: ok ? null : `HTTP ${statusCode}${text ? `: ${text.slice(0, MAX_ERROR_BODY)}` : ''}`,
          });
        response.on('end', done);
        response.on('error', done);
        response.on('aborted', done);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      finish({
        statusCode: null,
        error: timedOut
          ? `timed out after ${options.timeoutMs} ms`
          : error.code === 'EWEBHOOKTARGET'
            ? `refused: ${error.message}`
            : `${error.code ?? error.name}: ${error.message}`,
      });
    });
    request.end(body);
  });
}
