import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPHS, type SubgraphName } from '#common/config.ts';

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
