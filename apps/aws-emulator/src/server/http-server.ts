import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdminRequest } from '../admin/admin.router.js';
import type { EmulatorAdmin } from '../admin/emulator-admin.js';
import type { Emulator } from '../emulator.js';
import { handleAwsRequest } from './aws-pipeline.js';
import { BodyTooLargeError, readBody } from './read-body.js';

/** 100 findings of up to 240 KB each fit in one BatchImportFindings call. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** One HTTP endpoint for every emulated service, plus `/health` and the loopback-only `/__admin/` API. */
export function createEmulatorServer(emulator: Emulator, admin: EmulatorAdmin): Server {
  return createServer((request, response) => {
    dispatch(emulator, admin, request, response).catch((error: unknown) => {
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      if (status === 500) console.error('aws-emulator: request failed', error);
      if (!response.headersSent) {
        response.statusCode = status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ error: (error as Error).message }));
      } else {
        response.destroy();
      }
    });
  });
}

async function dispatch(
  emulator: Emulator,
  admin: EmulatorAdmin,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  const method = request.method ?? 'GET';
  const body = await readBody(request, MAX_BODY_BYTES);

  if (rawPath === '/health' && method === 'GET') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (rawPath === '/__admin' || rawPath.startsWith('/__admin/')) {
    handleAdminRequest(
      admin,
      { method, path: rawPath, query, body, remoteAddress: request.socket.remoteAddress },
      response,
    );
    return;
  }
  await handleAwsRequest(emulator, { method, rawPath, query, headers: request.headers, body }, response);
}
