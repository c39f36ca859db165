/** The checked-in schema files, for the services that read them at run time (no composer needed). */
export const supergraphFile = new URL('./supergraph.graphql', import.meta.url);
export const publicSchemaFile = new URL('./public.graphql', import.meta.url);
/** The contract operations portals may send by hash: `npm run compose` writes it from shared/contract. */
export const trustedDocumentsFile = new URL('./trusted-documents.json', import.meta.url);
