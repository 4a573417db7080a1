import type { Request } from 'express';

/** Where credentials travel: `Authorization: Bearer <jwt | api key>` or `X-Api-Key` (EventBridge API destinations). */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export function presentedApiKey(req: Request): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header.trim();
  const bearer = bearerToken(req);
  return bearer?.startsWith('sv_') ? bearer : null;
}

export function presentedJwt(req: Request): string | null {
  const bearer = bearerToken(req);
  return bearer && !bearer.startsWith('sv_') ? bearer : null;
}
