import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { errorFields, type Log } from '#common/log.ts';

/**
 * A subgraph that cannot be reached costs only its own fields: the answer keeps the rest, with
 * an error that names the service and hides its address and the internal query. Errors meant for
 * clients pass; anything else is logged and masked.
 */
export function maskGatewayError(error: unknown, message: string, log: Log): Error {
  if (error instanceof GraphQLError) {
    const { code, serviceName } = error.extensions;
    if (code === 'SUBREQUEST_HTTP_ERROR' && typeof serviceName === 'string') {
      log.warn({ serviceName, reason: error.message }, 'subgraph unavailable');
      return new GraphQLError(
        `The ${serviceName} service is unavailable; the rest of the answer is complete. Try again shortly.`,
        { path: error.path, extensions: { code: 'SERVICE_UNAVAILABLE', serviceName } },
      );
    }
    if (!error.originalError || error.originalError instanceof GraphQLError) return error;
  }
  log.error(errorFields(error), 'unexpected gateway error');
  return new GraphQLError(message, {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

const VARIABLE_ERROR = /^Variable "\$\w+" got invalid value .*? at "\w+\.([\w.[\]]+)"/;

/**
 * A variable of the wrong type fails before any subgraph sees it, with a message that names the
 * field but no code; clients branch on codes, so it gets BAD_USER_INPUT and the field.
 */
export function useCodedVariableErrors(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
      const errors = result.errors as readonly GraphQLError[] | undefined;
      if (!errors?.some((e) => !e.extensions?.code && e.message.startsWith('Variable "$'))) return;
      setResult({
        ...result,
        errors: errors.map((error) => {
          if (error.extensions?.code || !error.message.startsWith('Variable "$')) return error;
          const field = VARIABLE_ERROR.exec(error.message)?.[1]
            ?.split('.')
            .at(-1)
            ?.replace(/\[\d+\]$/, '');
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
          });
        }),
      });
    },
  };
}

/**
 * An error raised while executing leaves `data` present, null where it propagated (GraphQL spec,
 * "Response"); the router runtime leaves `data` out when the root field fails. Clients tell a
 * refused write from a request that never ran by this.
 */
export function useDataOnExecutionErrors(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          if (result.errors?.length && !('data' in result)) setResult({ ...result, data: null });
        },
      };
    },
  };
}
