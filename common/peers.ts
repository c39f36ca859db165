import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { GraphQLError } from 'graphql';
import { CALLER_HEADER, type InternalCaller, internalRequestSigner } from './caller.ts';
import { type SubgraphName, secret } from './config.ts';
import { PUBLIC_ERROR_CODES } from './errors.ts';
import { log } from './log.ts';

/**
 * Direct questions to another subgraph, asked as the same caller (so its access rules and its
 * register of personal-data reads apply). Only for a command that must act on another domain's
 * facts as they are now, such as a credit check; reads go through the gateway instead.
 */
export interface Peers {
  query<T, V>(
    subgraph: SubgraphName,
    document: PeerDocument<T, V>,
    variables: V,
    caller: InternalCaller,
  ): Promise<T>;
}

/** A document typed by `npm run codegen` against the schema of the subgraph it is sent to. */
export type PeerDocument<T, V> = DocumentTypeDecoration<T, V> & { toString(): string };

/** The other subgraph could not answer; nothing was recorded, and the clerk may try again. */
const unavailable = (subgraph: SubgraphName, why: string) => {
  log.warn({ subgraph, why }, 'peer subgraph unavailable');
  return new GraphQLError(
    `The ${subgraph} service is unavailable; nothing was recorded. Try again shortly.`,
    {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    },
  );
};

export function peersAt(urlOf: (subgraph: SubgraphName) => string): Peers {
  const sign = internalRequestSigner(secret('SUBGRAPH_SECRET'));
  return {
    async query<T, V>(
      subgraph: SubgraphName,
      document: PeerDocument<T, V>,
      variables: V,
      caller: InternalCaller,
    ) {
      let body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      try {
        const request = JSON.stringify({ query: document.toString(), variables });
        const response = await fetch(urlOf(subgraph), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLER_HEADER]: await sign(caller, request) },
          body: request,
          signal: AbortSignal.timeout(10_000),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw unavailable(subgraph, String(error));
      }
      const error = body.errors?.[0];
      if (error) {
        const code = error.extensions?.code;
        // A rule the other subgraph enforced (a malformed identifier, say) reaches the clerk as it is.
        if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code))
          throw new GraphQLError(error.message, { extensions: error.extensions });
        throw unavailable(subgraph, error.message);
      }
      if (!body.data) throw unavailable(subgraph, 'an answer without data');
      return body.data;
    },
  };
}
