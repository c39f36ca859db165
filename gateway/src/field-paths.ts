import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

const isTrue = (value: unknown) => value !== undefined && valueFromASTUntyped(value as never) === true;

/** For each type and field of the supergraph, the subgraphs that resolve it. */
export function fieldOwners(supergraphSdl: string): Map<string, Set<string>> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owners = new Map<string, Set<string>>();
  const argument = (
    directive: { arguments?: readonly { name: { value: string }; value: unknown }[] },
    name: string,
  ) => directive.arguments?.find((a) => a.name.value === name)?.value;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && argument(graph, 'name');
        if (name) graphNames.set(value.name.value, valueFromASTUntyped(name as never) as string);
      }
    }
  }
  const graphOf = (directive: Parameters<typeof argument>[0]) => {
    const graph = argument(directive, 'graph') as { value: string } | undefined;
    return graph ? (graphNames.get(graph.value) ?? graph.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map(graphOf);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length
        ? joins.filter((d) => !isTrue(argument(d, 'external'))).map(graphOf)
        : typeGraphs;
      owners.set(
        `${definition.name.value}.${field.name.value}`,
        new Set(graphs.filter((g) => g !== undefined)),
      );
    }
  }
  return owners;
}

function fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * The fields a service would have answered under `path`: the object type there and the selected
 * fields of it that `service` resolves, by response key. Null when the path leaves object types.
 */
function serviceFieldsAt(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  path: readonly (string | number)[],
  service: string,
  owners: Map<string, Set<string>>,
): string[] | null {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  let type = root;
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    const node: FieldNode | undefined =
      selectionSet && fieldsOf(selectionSet, fragments).find((f) => responseKey(f) === segment);
    const fieldType = node && type.getFields()[node.name.value]?.type;
    const named = fieldType && getNamedType(fieldType);
    if (!node || !isObjectType(named)) return null;
    type = named;
    selectionSet = node.selectionSet;
  }
  if (!selectionSet) return null;
  return fieldsOf(selectionSet, fragments)
    .filter((field) => owners.get(`${type.name}.${field.name.value}`)?.has(service))
    .map(responseKey);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (value, segment) =>
      value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined,
    data,
  );
}

/**
 * When a subgraph cannot be reached, the router runtime reports the error at the entity it was
 * to complete (`["subject"]`). Clients read the path to learn which fields are missing, so the
 * error is repeated at each field of that service left null (`["subject", "cases"]`).
 */
export function useServiceErrorsAtFields(supergraphSdl: string): GatewayPlugin {
  const owners = fieldOwners(supergraphSdl);
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors?.length || !result.data) return;
          let changed = false;
          const errors = result.errors.flatMap((error) => {
            const service = error.extensions?.serviceName;
            if (typeof service !== 'string' || !error.path) return [error];
            const at = valueAt(result.data, error.path);
            if (!at || typeof at !== 'object' || Array.isArray(at)) return [error];
            const keys = serviceFieldsAt(
              args.schema,
              args.document,
              args.operationName,
              error.path,
              service,
              owners,
            );
            const nulled = (keys ?? []).filter((key) => (at as Record<string, unknown>)[key] === null);
            if (nulled.length === 0) return [error];
            changed = true;
            return nulled.map(
              (key) =>
                new GraphQLError(error.message, {
                  path: [...error.path, key],
                  originalError: error.originalError ?? undefined,
                  extensions: error.extensions,
                }),
            );
          });
          if (changed) setResult({ ...result, errors });
        },
      };
    },
  };
}
