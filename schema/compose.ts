import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export const SUBGRAPHS = ['lists', 'measures', 'objections', 'cases'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** Where each subgraph listens by default; the gateway takes the real URLs from the environment. */
export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  lists: 4001,
  measures: 4002,
  objections: 4003,
  cases: 4004,
};

export const supergraphFile = new URL('./supergraph.graphql', import.meta.url);
export const publicSchemaFile = new URL('./public.graphql', import.meta.url);

export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
}

export function composeSupergraph() {
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      typeDefs: parse(subgraphSdl(name)),
      url: `http://localhost:${DEFAULT_PORTS[name]}/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { supergraph: result.supergraphSdl, publicSchema: result.publicSdl };
}
