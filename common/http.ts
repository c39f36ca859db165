import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';

/** The client's operation name, which the gateway passes to every subgraph it calls for it. */
export const OPERATION_HEADER = 'x-operation-name';

export function sendJson(res: ServerResponse, status: number, payload: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

/**
 * Listens on `port`; a port another program holds is refused with the variable that moves it,
 * rather than a bare EADDRINUSE.
 */
export function listenOn(server: Server, port: number, host: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use by another program: set ${variable} to a free port.`)
          : error,
      );
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
}

/** Where the bulk exports are served, on the gateway and on the subgraphs that own them. */
export const EXPORTS_PATH = '/exports/';

/** A GraphQL-shaped refusal answered before any GraphQL runs. */
export function sendError(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** How long a server waits, once nothing is in flight, for a request already on its way. */
const QUIET_MS = 250;

/**
 * Counts the requests a server is answering, so that a shutdown stops taking connections, lets
 * every request in flight finish (up to `timeoutMs`), and only then closes what is left.
 */
export function requestsInFlight() {
  let count = 0;
  let closing = false;
  const idle: (() => void)[] = [];
  const quiet = () => new Promise<void>((resolve) => setTimeout(resolve, QUIET_MS));
  return {
    track(res: ServerResponse) {
      count++;
      if (closing) res.setHeader('connection', 'close');
      res.once('close', () => {
        count--;
        if (count === 0) for (const resolve of idle.splice(0)) resolve();
      });
    },
    async drain(server: Server, timeoutMs = 25_000) {
      closing = true;
      // The listener stays open until the requests stop: closing it would reset the connections
      // still waiting in the kernel's accept queue, whose clients have already sent their request.
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (count > 0) await Promise.race([new Promise<void>((resolve) => idle.push(resolve)), quiet()]);
        else {
          await quiet();
          if (count === 0) break;
        }
      }
      // net.Server's close leaves connections alone; http.Server's would drop idle ones first.
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
