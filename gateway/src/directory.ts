import { PUBLIC_CALLER } from '#common/caller.ts';
import { peersAt } from '#common/peers.ts';
import { DirectoryDocument } from './generated/to-lists.ts';

const FRESH_MS = 60_000;
/** An unknown code reloads the directory at most this often, so a new department works within seconds. */
const RELOAD_ON_MISS_MS = 5_000;

export class DirectoryUnavailable extends Error {}

export interface DirectoryDepartment {
  code: string;
  /** The jurisdiction's credit office (信用办), the only department a CREDIT_OFFICE token may name. */
  isCreditOffice: boolean;
}

/**
 * The departments of the directory (lists' jurisdictions), so a token naming a department that
 * does not exist, or a credit office that is not one, is refused at the door instead of acting
 * with a null department or in a jurisdiction it does not belong to.
 */
export function departmentDirectory(listsUrl: string) {
  const lists = peersAt(() => listsUrl);
  let codes: Map<string, DirectoryDepartment> | undefined;
  let loadedAt = 0;
  let loading: Promise<void> | undefined;

  async function load() {
    const data = await lists.query('lists', DirectoryDocument, {}, PUBLIC_CALLER);
    codes = new Map(data.jurisdictions.flatMap((j) => j.departments.map((d) => [d.code, d] as const)));
    loadedAt = Date.now();
  }

  const reload = () => {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  return async function departmentOf(code: string): Promise<DirectoryDepartment | undefined> {
    const age = Date.now() - loadedAt;
    if (!codes || age > FRESH_MS || (!codes.has(code) && age > RELOAD_ON_MISS_MS)) {
      try {
        await reload();
      } catch (error) {
        if (!codes) throw new DirectoryUnavailable(String(error));
      }
    }
    return codes?.get(code);
  };
}
