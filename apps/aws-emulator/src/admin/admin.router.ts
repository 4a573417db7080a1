import type { ServerResponse } from 'node:http';
import { UnknownAccountError } from '../state/emulator-state.js';
import { AdminInputError } from './admin-input-error.js';
import type { EmulatorAdmin } from './emulator-admin.js';
import { isLoopbackAddress } from './loopback.js';

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  remoteAddress: string | undefined;
}

type Body = Record<string, unknown>;
type AdminAction = (admin: EmulatorAdmin, body: Body, request: AdminRequest, params: string[]) => unknown;

/** JSON from the wire is handed over as is: every EmulatorAdmin method validates its own input. */
function untrusted<T>(value: unknown): T {
  return value as T;
}

/** `METHOD path-pattern` → action; `:param` segments are passed to the action in order. */
const ROUTES: [method: string, pattern: string, action: AdminAction][] = [
  ['GET', '/__admin/state', (admin) => admin.summary()],
  ['POST', '/__admin/reset', (admin) => admin.reset()],
  ['POST', '/__admin/accounts', (admin, body) => admin.registerAccount(untrusted(body))],
  [
    'POST',
    '/__admin/accounts/:accountId/roles',
    (admin, body, _, [accountId]) => admin.registerRole(accountId, untrusted(body)),
  ],
  [
    'POST',
    '/__admin/findings',
    (admin, body) =>
      admin.injectFindings(String(body.accountId), String(body.region), untrusted(body.findings)),
  ],
  [
    'GET',
    '/__admin/findings',
    (admin, _, request) =>
      admin.listFindings(request.query.get('accountId') ?? '', request.query.get('region') ?? ''),
  ],
  [
    'POST',
    '/__admin/cloudtrail-events',
    (admin, body) =>
      admin.injectCloudTrailEvents(String(body.accountId), String(body.region), untrusted(body.events)),
  ],
  ['GET', '/__admin/faults', (admin) => admin.summary().faults],
  ['PUT', '/__admin/faults', (admin, body) => admin.setFaults(untrusted(body))],
  ['DELETE', '/__admin/faults', (admin) => admin.resetFaults()],
  [
    'POST',
    '/__admin/credentials/expire',
    (admin, body) =>
      admin.expireCredentials(
        String(body.accountId),
        body.roleName === undefined ? undefined : String(body.roleName),
      ),
  ],
  ['GET', '/__admin/counters', (admin) => admin.counters()],
  ['DELETE', '/__admin/counters', (admin) => admin.resetCounters()],
  ['GET', '/__admin/throttling', (admin) => admin.summary().throttling],
  ['PUT', '/__admin/throttling', (admin, body) => admin.setThrottling(untrusted(body))],
];

/**
 * The admin API: JSON in, JSON out. It can rewrite the emulated world, so it only answers callers
 * on the loopback interface, even when the emulator listens on all interfaces (e.g. in a container).
 */
export function handleAdminRequest(
  admin: EmulatorAdmin,
  request: AdminRequest,
  response: ServerResponse,
): void {
  if (!isLoopbackAddress(request.remoteAddress)) {
    return sendJson(response, 403, { error: 'The admin API only answers loopback clients' });
  }
  const match = matchRoute(request.method, request.path);
  if (!match) return sendJson(response, 404, { error: `No admin route ${request.method} ${request.path}` });
  let body: Body;
  try {
    body = request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as Body);
  } catch {
    return sendJson(response, 400, { error: 'The request body is not valid JSON' });
  }
  try {
    const result = match.action(admin, body ?? {}, request, match.params);
    sendJson(response, 200, result ?? { ok: true });
  } catch (error) {
    if (error instanceof AdminInputError) return sendJson(response, 400, { error: error.message });
    if (error instanceof UnknownAccountError) return sendJson(response, 404, { error: error.message });
    throw error;
  }
}

function matchRoute(method: string, path: string): { action: AdminAction; params: string[] } | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const [routeMethod, pattern, action] of ROUTES) {
    const expected = pattern.split('/');
    if (routeMethod !== method || expected.length !== segments.length) continue;
    const params: string[] = [];
    const matches = expected.every((part, index) => {
      if (part.startsWith(':')) {
        params.push(decodeURIComponent(segments[index]));
        return true;
      }
      return part === segments[index];
    });
    if (matches) return { action, params };
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}
