import { type SQL, sql } from 'drizzle-orm';

/** LIKE's wildcards and escape taken literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `text` contains `term`, for Chinese without word spacing. A term of two or more characters is
 * first looked up through the GIN index on `<schema>.bigrams(text)` (each service's migrations
 * create the function in its own schema); ILIKE then rechecks the order of the characters.
 */
export function containsText(schema: string, text: SQL, term: string): SQL {
  const like = sql`${text} ilike ${`%${escapeLike(term)}%`}`;
  if ([...term].length < 2) return like;
  const bigrams = sql.identifier(schema);
  return sql`(${bigrams}.bigrams(${text}) @> ${bigrams}.bigrams(${term}) and ${like})`;
}
