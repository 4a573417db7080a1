import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on `host` by binding port 0 and releasing it at once.
 *
 * There is an unavoidable window between releasing the port and the real server binding it; callers that
 * start a server on the result should retry with a fresh port when the bind fails ("address in use").
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no free port found on ${host}`))));
    });
  });
}

/**
 * True when nothing listens on `host:port` (we could bind it ourselves). Used to refuse to start a server
 * whose port is taken — typically by a leftover process from an earlier run, which would otherwise answer
 * our health checks in the new one's place.
 */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
