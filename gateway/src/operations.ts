import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';

const names = new WeakMap<object, string>();

/** The client's operation name, resolved from its document when the request did not say it. */
export const operationNameOf = (context: object): string | undefined => names.get(context);

/** Remembers the operation each request runs, for the subgraphs (the personal-data read register). */
export function useOperationNames(): GatewayPlugin {
  return {
    onExecute({ args }) {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name && args.contextValue) names.set(args.contextValue, name);
    },
  };
}
