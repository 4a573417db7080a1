import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContextStorage } from './request-context.js';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * First middleware of every request: adopts a sane caller-supplied `x-request-id` or makes one, echoes it,
 * and opens the request context so logs and audit entries deep in the stack carry it.
 */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  req.id = id;
  res.setHeader('x-request-id', id);
  requestContextStorage.run({ requestId: id }, next);
}
