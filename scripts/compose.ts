import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from '../schema/compose.ts';
import { trustedDocuments } from '../schema/contract.ts';
import { publicSchemaFile, supergraphFile, trustedDocumentsFile } from '../schema/files.ts';

const { supergraph, publicSchema } = composeSupergraph();
const outputs: [URL, string][] = [
  [supergraphFile, supergraph],
  [publicSchemaFile, publicSchema],
  [trustedDocumentsFile, `${JSON.stringify(trustedDocuments(), null, 2)}\n`],
];

if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, sdl]) => readFileSync(file, 'utf8') !== sdl);
  if (stale.length > 0) {
    console.error(
      `Stale: ${stale.map(([file]) => file.pathname).join(', ')}. Run npm run compose and commit.`,
    );
    process.exit(1);
  }
  console.log('schema/ is up to date with the subgraphs');
} else {
  for (const [file, sdl] of outputs) writeFileSync(file, sdl);
  console.log(`Composed ${supergraphFile.pathname}`);
}
