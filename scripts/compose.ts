import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../schema/compose.ts';
import { trustedDocuments } from '../schema/contract.ts';
import { publicSchemaFile, supergraphFile, trustedDocumentsFile } from '../schema/files.ts';
import { writeOrCheck } from './generated-files.ts';

const { supergraph, publicSchema } = composeSupergraph();
const outputs: [URL, string][] = [
  [supergraphFile, supergraph],
  [publicSchemaFile, publicSchema],
  [trustedDocumentsFile, `${JSON.stringify(trustedDocuments(), null, 2)}\n`],
];

writeOrCheck(
  outputs.map(([file, text]) => [fileURLToPath(file), text]),
  {
    command: 'npm run compose',
    upToDate: 'schema/ is up to date with the subgraphs',
    written: `Composed ${supergraphFile.pathname}`,
  },
);
