import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentNode, Kind, parse, print } from 'graphql';

/** The public contract lives beside the repository in shared/contract, or in CONTRACT_DIR. */
const contractDir =
  process.env.CONTRACT_DIR ?? fileURLToPath(new URL('../../shared/contract', import.meta.url));

function readContract(): string {
  if (!existsSync(contractDir)) {
    throw new Error(
      `No API contract at ${contractDir}: check out shared/ beside the repository or set CONTRACT_DIR.`,
    );
  }
  return readFileSync(`${contractDir}/operations.graphql`, 'utf8');
}

export const contractSource = readContract();
export const contractDocument: DocumentNode = parse(contractSource);

/** One operation of the public contract, as the portals and department systems send it. */
export function contractOperation(name: string): string {
  const definition = contractDocument.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!definition) throw new Error(`No operation ${name} in the contract`);
  return print(definition);
}

export const documentHash = (document: string) => createHash('sha256').update(document).digest('hex');

/**
 * The trusted documents portals may send by hash alone: every contract operation, printed as
 * `contractOperation` prints it, keyed by the SHA-256 of that text.
 */
export function trustedDocuments(): Record<string, string> {
  const documents = contractDocument.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION && d.name ? [contractOperation(d.name.value)] : [],
  );
  return Object.fromEntries(documents.map((document) => [documentHash(document), document]));
}
