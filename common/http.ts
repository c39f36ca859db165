import type { ServerResponse } from 'node:http';

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
