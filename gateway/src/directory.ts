import { CALLER_HEADER, internalRequestSigner, PUBLIC_CALLER } from '#common/caller.ts';

const QUERY = JSON.stringify({ query: '{ jurisdictions { departments { code isCreditOffice } } }' });
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
export function departmentDirectory(listsUrl: string, subgraphSecret: string) {
  const sign = internalRequestSigner(subgraphSecret);
  let codes: Map<string, DirectoryDepartment> | undefined;
  let loadedAt = 0;
  let loading: Promise<void> | undefined;

  async function load() {
    const response = await fetch(listsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: await sign(PUBLIC_CALLER, QUERY) },
      body: QUERY,
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await response.json()) as {
      data?: { jurisdictions: { departments: DirectoryDepartment[] }[] };
    };
    if (!body.data) throw new Error(`lists answered ${response.status} without data`);
    codes = new Map(body.data.jurisdictions.flatMap((j) => j.departments.map((d) => [d.code, d] as const)));
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
