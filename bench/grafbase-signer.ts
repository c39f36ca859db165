import { createServer } from 'node:http';
import {
  CALLER_HEADER,
  type InternalCaller,
  internalRequestSigner,
  PUBLIC_CALLER,
  PURPOSE_HEADER,
  verifyToken,
} from '#common/caller.ts';
import { port, SUBGRAPHS, secret, subgraphUrlFromEnv } from '#common/config.ts';

/**
 * The Rust peer's signer. Grafbase's gateway forwards the client's Authorization and purpose
 * headers but cannot sign the caller header, which is bound to each subgraph request's body and
 * used once. This proxy stands between it and the subgraphs and does what our gateway does for
 * every subgraph request: verify the bearer token once per request, sign the caller for the body.
 * The benchmark reports its CPU beside Grafbase's, so the Rust front is measured alone and with it.
 */
const signCaller = internalRequestSigner(secret('SUBGRAPH_SECRET'));
const authSecret = secret('AUTH_SECRET');
const targets = new Map<string, string>(SUBGRAPHS.map((name) => [`/${name}`, subgraphUrlFromEnv(name)]));

async function callerOf(authorization: string | undefined, purpose: string | undefined) {
  const token = authorization?.replace(/^Bearer /i, '');
  const caller: InternalCaller = token
    ? await verifyToken(token, authSecret, 12 * 3600)
    : { ...PUBLIC_CALLER };
  if (purpose) caller.purpose = decodeURIComponent(purpose);
  return caller;
}

const server = createServer(async (req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200).end('ready');
    return;
  }
  const target = targets.get(req.url ?? '');
  if (!target || req.method !== 'POST') {
    res.writeHead(target ? 405 : 404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  try {
    const caller = await callerOf(
      req.headers.authorization,
      req.headers[PURPOSE_HEADER] as string | undefined,
    );
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCaller(caller, body) },
      body,
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  } catch (error) {
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: String(error) }] }));
  }
});

const listening = port('GRAFBASE_SIGNER_PORT', 4041);
server.listen(listening, '127.0.0.1', () =>
  console.log(`grafbase signer ready at http://127.0.0.1:${listening}`),
);
