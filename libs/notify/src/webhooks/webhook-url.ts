import { isIP } from 'node:net';
import { NotifyException } from '../notify.exception.js';
import { resolveAllowed } from './guarded-lookup.js';
import { addressAllowed } from './target-address.js';

/** A URL's host without the brackets of an IPv6 literal. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks a webhook URL when it is saved: https only (http too with the insecure flag), no credentials in
 * it, and a host that is, or resolves only to, public addresses (loopback too with the insecure flag).
 * The same address rule is applied again at every connection (`guardedLookup`).
 */
export async function checkWebhookUrl(raw: string, allowInsecure: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw NotifyException.invalid('url is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    throw NotifyException.invalid('url must use https');
  }
  if (url.username || url.password) {
    throw NotifyException.invalid('url must not contain credentials (use the signature to authenticate us)');
  }
  if (url.href.length > 2048) throw NotifyException.invalid('url must be at most 2048 characters');
  const host = bareHost(url);
  if (isIP(host)) {
    if (!addressAllowed(host, allowInsecure)) {
      throw NotifyException.invalid(
        `url must not target a private, loopback or link-local address (${host})`,
      );
    }
    return url.href;
  }
  try {
    await resolveAllowed(host, allowInsecure);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EWEBHOOKTARGET') {
      throw NotifyException.invalid(
        `url must not target a private, loopback or link-local address: ${(error as Error).message}`,
      );
    }
    throw NotifyException.invalid(`url host ${host} does not resolve (${code ?? 'lookup failed'})`);
  }
  return url.href;
}
