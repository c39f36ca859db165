import { CALLER_HEADER, internalRequestSigner, PUBLIC_CALLER } from '#common/caller.ts';

const QUERY = JSON.stringify({ query: '{ jurisdictions { departments { code } } }' });
const FRESH_MS = 60_000;
/** An unknown code reloads the directory at most this often, so a new department works within seconds. */
const RELOAD_ON_MISS_MS = 5_000;

export class DirectoryUnavailable extends Error {}

/**
 * The department codes of the directory (lists' jurisdictions), so a token naming a department
 * that does not exist is refused at the door instead of acting with a null department.
 */
export function departmentDirectory(listsUrl: string, subgraphSecret: string) {
  const sign = internalRequestSigner(subgraphSecret);
  let codes: Set<string> | undefined;
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
      data?: { jurisdictions: { departments: { code: string }[] }[] };
    };
    if (!body.data) throw new Error(`lists answered ${response.status} without data`);
    codes = new Set(body.data.jurisdictions.flatMap((j) => j.departments.map((d) => d.code)));
    loadedAt = Date.now();
  }

  const reload = () => {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  return async function exists(code: string): Promise<boolean> {
    const age = Date.now() - loadedAt;
    if (!codes || age > FRESH_MS || (!codes.has(code) && age > RELOAD_ON_MISS_MS)) {
      try {
        await reload();
      } catch (error) {
        if (!codes) throw new DirectoryUnavailable(String(error));
      }
    }
    return codes?.has(code) ?? false;
  };
}
