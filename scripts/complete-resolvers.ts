import { type GraphQLSchema, isObjectType } from 'graphql';

/**
 * A GraphQL Code Generator plugin: `CompleteResolvers`, the `Resolvers` type that also requires a
 * resolver for each field an object type's row type (its mapper) does not carry. Without it, a field
 * added to the SDL but left out of the resolvers would type-check and answer null.
 */
export function plugin(schema: GraphQLSchema): string {
  const types = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('_'))
    .map((type) => type.name);
  const needs = types.map(
    (name) => `  ${name}: Needs<${name}Resolvers, ${name}, ResolversParentTypes['${name}']>;`,
  );
  return [
    '',
    "type Unmapped<T, R> = Exclude<keyof T, keyof R | '__typename'>;",
    'type Needs<Rs, T, R> = { [K in Unmapped<T, R> & keyof Rs]-?: NonNullable<Rs[K]> };',
    'type Needed<M> = { [K in keyof M as keyof M[K] extends never ? never : K]: M[K] };',
    '/** The resolvers, with every field that the row types do not carry resolved. */',
    `export type CompleteResolvers = Resolvers & Needed<{\n${needs.join('\n')}\n}>;`,
    '',
  ].join('\n');
}
