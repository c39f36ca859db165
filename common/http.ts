import type { Server, ServerResponse } from 'node:http';

/** The client's operation name, which the gateway passes to every subgraph it calls for it. */
export const OPERATION_HEADER = 'x-operation-name';

export function sendJson(res: ServerResponse, status: number, payload: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

/** A GraphQL-shaped refusal answered before any GraphQL runs. */
export function sendError(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * Counts the requests a server is answering, so that a shutdown stops taking connections, lets
 * every request in flight finish (up to `timeoutMs`), and only then closes what is left.
 */
export function requestsInFlight() {
  let count = 0;
  let closing = false;
  const idle: (() => void)[] = [];
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (count > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, timeoutMs);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
