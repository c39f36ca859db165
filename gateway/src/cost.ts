import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isEnumType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
  valueFromASTUntyped,
} from 'graphql';

/** How many items an unbounded list field is assumed to return (a subject's entries, an entry's measures). */
const LIST_ESTIMATE = 10;
/** Pages are capped at 100 (a larger `first` is refused by the subgraph), so the estimate is too. */
const MAX_PAGE = 100;
/** A string argument costs one more per this many characters. */
const CHARACTERS_PER_POINT = 1_000;

export interface OperationInspection {
  /** The estimated work: every field once per item it is resolved for, and every item of its arguments. */
  cost: number;
  /** The argument or input field holding a NUL character, if any: PostgreSQL cannot store one. */
  nulIn?: string;
  /** How many times the operation asks for each root field (aliases included). */
  rootFields: Map<string, number>;
}

/** Items a value brings to its field: a list counts each element, a long string its length. */
function weigh(value: unknown, name: string, found: { nulIn?: string }): number {
  if (typeof value === 'string') {
    if (!found.nulIn && value.includes('\u0000')) found.nulIn = name;
    return Math.floor(value.length / CHARACTERS_PER_POINT);
  }
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 1 + weigh(item, name, found), 0);
  if (value && typeof value === 'object')
    return Object.entries(value).reduce((sum, [key, item]) => sum + weigh(item, key, found), 0);
  return 0;
}

/**
 * Estimates an operation's cost with its variables, as the static estimate cannot: 15 aliases of
 * a 1,000-identifier screening weigh 15,000 screenings, not 15 fields. A list field multiplies
 * its selection by the page it asks for (`first`), by the length of the list it is given, or by
 * an estimate.
 */
export function inspectOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): OperationInspection {
  const operation = getOperationAST(document, operationName);
  const found: { nulIn?: string } = {};
  const rootFields = new Map<string, number>();
  if (!operation) return { cost: 0, rootFields };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  function selectionCost(type: GraphQLNamedType, selectionSet: SelectionSetNode, seen: Set<string>): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(type, selection, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += selectionCost(on ?? type, selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? type;
        cost += selectionCost(on, fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
    return cost;
  }

  function fieldCost(parent: GraphQLNamedType, node: FieldNode, seen: Set<string>): number {
    if (node.name.value.startsWith('__')) return 0;
    if (parent === root) rootFields.set(node.name.value, (rootFields.get(node.name.value) ?? 0) + 1);
    // Objects and interfaces have fields; a union has none of its own (only __typename).
    const field: GraphQLField<unknown, unknown> | undefined =
      isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    const args: Record<string, unknown> = {};
    for (const argument of node.arguments ?? [])
      args[argument.name.value] = valueFromASTUntyped(argument.value, variables);
    let own = 1;
    let longestList = 0;
    for (const [name, value] of Object.entries(args)) {
      own += weigh(value, name, found);
      if (Array.isArray(value)) longestList = Math.max(longestList, value.length);
    }
    if (!field || !node.selectionSet) return own;
    const page = args.first ?? field.args.find((a) => a.name === 'first')?.defaultValue;
    let items = 1;
    // A connection's page multiplies the connection once; its `edges` are that page.
    if (typeof page === 'number') items = Math.min(page, MAX_PAGE);
    else if (isListType(getNullableType(field.type)) && node.name.value !== 'edges')
      items = Math.max(longestList, LIST_ESTIMATE);
    return own + Math.max(items, 1) * selectionCost(getNamedType(field.type), node.selectionSet, seen);
  }

  if (!root) return { cost: 0, rootFields };
  const cost = selectionCost(root, operation.selectionSet, new Set());
  return { cost, nulIn: found.nulIn, rootFields };
}

/** Removes repeated values from every list of enum values in `value`, in place, through input objects. */
function deduplicate(type: GraphQLInputType, value: unknown): void {
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    if (isEnumType(getNullableType(nullable.ofType))) {
      const distinct = [...new Set(value)];
      if (distinct.length < value.length) value.splice(0, value.length, ...distinct);
    } else for (const item of value) deduplicate(nullable.ofType, item);
  } else if (isInputObjectType(nullable) && value && typeof value === 'object') {
    for (const [name, field] of Object.entries(nullable.getFields()))
      deduplicate(field.type, (value as Record<string, unknown>)[name]);
  }
}

/**
 * Lists of enum values can name each value once: repeats are dropped before anything weighs or
 * runs them, so 60,000 copies of EFFECTIVE cost what one does.
 */
export function deduplicateEnumLists(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): void {
  for (const definition of getOperationAST(document, operationName)?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) deduplicate(type, variables[definition.variable.name.value]);
  }
}
