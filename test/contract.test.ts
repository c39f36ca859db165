import { readFileSync } from 'node:fs';
import { buildASTSchema, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { publicSchemaFile } from '../schema/files.ts';
import { contractDocument, contractSource } from './kit.ts';
import { PENDING } from './pending.ts';

const schema = buildASTSchema(parse(readFileSync(publicSchemaFile, 'utf8')));
const operations = contractDocument.definitions.flatMap((d) =>
  d.kind === Kind.OPERATION_DEFINITION && d.name ? [{ name: d.name.value, definition: d }] : [],
);

describe('the public contract', () => {
  it('is read in full', () => {
    expect(operations.length).toBe(contractSource.match(/^(query|mutation) /gm)?.length);
    for (const name of Object.keys(PENDING)) expect(operations.map((o) => o.name)).toContain(name);
  });

  for (const { name, definition } of operations) {
    const errors = () =>
      validate(schema, { kind: Kind.DOCUMENT, definitions: [definition] }).map((e) => e.message);
    if (name in PENDING) {
      it(`still lacks ${name} (${PENDING[name]}); remove it from PENDING once it validates`, () => {
        expect(errors()).not.toEqual([]);
      });
    } else {
      it(`serves ${name} as the contract writes it`, () => {
        expect(errors()).toEqual([]);
      });
    }
  }
});
