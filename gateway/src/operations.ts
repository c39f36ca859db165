import { createHash } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import {
  CALLER_HEADER,
  type Caller,
  type InternalCaller,
  internalRequestSigner,
  PUBLIC_CALLER,
} from '#common/caller.ts';
import { OPERATION_HEADER } from '#common/http.ts';

interface TrustedDocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** A trusted document is named by `documentId` or, as Apollo clients send it, by its persisted-query hash. */
export function trustedDocumentId(params: TrustedDocumentParams): string | null {
  const id = params.documentId ?? params.extensions?.persistedQuery?.sha256Hash;
  return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
}

const documents = new WeakMap<Request, string>();
const names = new WeakMap<object, string>();

/** The client's operation name, resolved from its document when the request did not say it. */
export const operationNameOf = (context: object): string | undefined => names.get(context);

/**
 * What each request ran, for the register of personal-data reads: `trusted:<id>` for a trusted
 * document (ids are the SHA-256 of the text, so one sent as text is recognised too), or the
 * SHA-256 of the document the client sent (`sha256:<hex>`); the operation name the client chose
 * goes beside it, as a claim nobody checked.
 */
export function useOperationRecords(trustedIds: ReadonlySet<string>): GatewayPlugin<{ caller?: Caller }> {
  return {
    onParams({ params, request }) {
      const id =
        trustedDocumentId(params as TrustedDocumentParams) ??
        (typeof params.query === 'string' ? createHash('sha256').update(params.query).digest('hex') : null);
      if (id) documents.set(request, `${trustedIds.has(id) ? 'trusted' : 'sha256'}:${id}`);
    },
    onExecute({ args }) {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name && args.contextValue) names.set(args.contextValue, name);
    },
  };
}

/**
 * Signs the caller into every request the gateway sends a subgraph, bound to that request's body
 * (see `internalRequestSigner`), with what ran and the client's operation name.
 */
export function useSignedSubgraphRequests(subgraphSecret: string): GatewayPlugin<{ caller?: Caller }> {
  const sign = internalRequestSigner(subgraphSecret);
  return {
    async onFetch({ options, setOptions, context }) {
      const { request, caller: client } = context as { request?: Request; caller?: Caller };
      const caller: InternalCaller = { ...(client ?? PUBLIC_CALLER) };
      const document = request && documents.get(request);
      if (document) caller.document = document;
      const operationName = operationNameOf(context);
      const body = typeof options.body === 'string' ? options.body : '';
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string>),
          [CALLER_HEADER]: await sign(caller, body),
          ...(operationName ? { [OPERATION_HEADER]: operationName } : {}),
        },
      });
    },
  };
}
