import { readFileSync } from 'node:fs';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '#common/config.ts';
import { composeSupergraph, subgraphSdl } from '../schema/compose.ts';
import { publicSchemaFile, supergraphFile } from '../schema/files.ts';

/**
 * Hints we accept on purpose, as `CODE coordinate`. Each entry needs a reason beside it; a hint
 * not listed here fails the build, so a new one is read before it ships.
 */
const ACCEPTED_HINTS: Record<string, string> = {};

describe('the supergraph', () => {
  it('composes from the four subgraphs without errors', () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it('is checked in as composed from the current subgraph schemas (run npm run compose)', () => {
    const { supergraph, publicSchema } = composeSupergraph();
    expect(readFileSync(supergraphFile, 'utf8')).toBe(supergraph);
    expect(readFileSync(publicSchemaFile, 'utf8')).toBe(publicSchema);
  });

  it('raises no composition hint that was not accepted on purpose', () => {
    // The Guild's composer reports no hints, so Apollo's composer (a dev dependency) is the second opinion.
    const result = composeWithApollo(
      SUBGRAPHS.map((name) => ({ name, url: `http://${name}`, typeDefs: parse(subgraphSdl(name)) })),
    );
    expect(result.errors ?? []).toEqual([]);
    const hints = (result.hints ?? []).map((h) => `${h.definition.code} ${h.coordinate ?? ''}`.trim());
    expect(hints.filter((hint) => !(hint in ACCEPTED_HINTS))).toEqual([]);
  });
});
