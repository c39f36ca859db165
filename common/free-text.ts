import DataLoader from 'dataloader';
import type { InternalCaller } from './caller.ts';
import { PersonsNamedDocument, RegisterReadsDocument } from './generated/to-lists.ts';
import type { Peers } from './peers.ts';
import { maskPersonalDataIn, maySeePersonalData } from './privacy.ts';

/**
 * The unmasked names of the natural persons among `subjectIds` and their legal representatives,
 * from lists (an internal field, not in the public API), for masking them in free text.
 */
export async function personsNamed(peers: Peers, caller: InternalCaller, subjectIds: readonly string[]) {
  const data = await peers.query('lists', PersonsNamedDocument, { subjectIds: [...subjectIds] }, caller);
  return data.personsNamed;
}

/** Free text written by a clerk about a record, and whom the record concerns. */
export interface FreeText {
  text: string;
  /**
   * The subjects the record concerns: the natural persons among them, and their legal
   * representatives, are masked. A function is called only when the ids are needed.
   */
  subjectIds: readonly string[] | (() => Promise<readonly string[]>);
  /** Names known to the service itself (a case keeps the names it was reported with). */
  names?: readonly string[];
}

/**
 * Shows clerks' free text (objection grounds, execution notes, check purposes, case texts) as the
 * caller may read it. For a caller without the right to the subjects' personal data, resident ID
 * numbers and the names of the natural persons concerned are masked, whatever the clerk wrote.
 * For a caller with the right, a text that names a person is registered in lists' register of
 * personal-data reads before it is shown; if lists cannot register it, the text stays masked.
 * Names and registrations are asked of lists once per request, for all texts together.
 */
export function freeTextReader(peers: Peers, caller: InternalCaller) {
  const names = new DataLoader<string, string[]>(async (subjectIds) => {
    const persons = await personsNamed(peers, caller, subjectIds);
    return subjectIds.map((id) => persons.filter((p) => p.subjectId === id).map((p) => p.name));
  });
  const registered = new DataLoader<string, boolean>(async (subjectIds) => {
    try {
      await peers.query('lists', RegisterReadsDocument, { subjectIds: [...subjectIds] }, caller);
      return subjectIds.map(() => true);
    } catch {
      return subjectIds.map(() => false);
    }
  });

  /** Without the names nothing can be masked safely, so a failure of lists fails the field. */
  async function namesOf(subjectIds: readonly string[]): Promise<string[]> {
    const loaded = await names.loadMany(subjectIds);
    const failure = loaded.find((n) => n instanceof Error);
    if (failure) throw failure;
    return (loaded as string[][]).flat();
  }

  return async function shown(entry: FreeText): Promise<string> {
    const { text } = entry;
    let ids: readonly string[] | undefined;
    const subjectIds = async () => {
      ids ??= typeof entry.subjectIds === 'function' ? await entry.subjectIds() : entry.subjectIds;
      return ids;
    };
    const known = entry.names ?? (await namesOf(await subjectIds()));
    const masked = maskPersonalDataIn(text, known);
    const mayRead =
      caller.role === 'SUBJECT'
        ? (await subjectIds()).every((id) => maySeePersonalData(caller, id))
        : maySeePersonalData(caller);
    if (!mayRead) return masked;
    if (masked === text) return text;
    const done = await registered.loadMany(await subjectIds());
    return done.every((ok) => ok === true) ? text : masked;
  };
}

/**
 * Resolvers that show a record's free-text fields through the request's reader (`ctx.shown`),
 * for records that carry the subject they concern; a list of texts is shown item by item.
 */
export function freeTextResolvers<R extends { subjectId: string }>(fields: readonly (keyof R & string)[]) {
  type Context = { shown: ReturnType<typeof freeTextReader> };
  const one = (text: unknown, row: R, ctx: Context) =>
    typeof text === 'string' ? ctx.shown({ text, subjectIds: [row.subjectId] }) : text;
  return Object.fromEntries(
    fields.map((field) => [
      field,
      (row: R, _: unknown, ctx: Context) => {
        const value = row[field];
        return Array.isArray(value)
          ? Promise.all(value.map((text) => one(text, row, ctx)))
          : one(value, row, ctx);
      },
    ]),
  );
}
