const DEVELOPMENT_SECRETS = {
  AUTH_SECRET: 'dev-only-auth-secret-change-me-in-production',
  SUBGRAPH_SECRET: 'dev-only-subgraph-secret-change-me-in-production',
} as const;

export type SecretName = keyof typeof DEVELOPMENT_SECRETS;

export const isProduction = () => process.env.NODE_ENV === 'production';

const isReal = (name: SecretName) => {
  const value = process.env[name];
  return Boolean(value) && value !== DEVELOPMENT_SECRETS[name];
};

/**
 * A secret from the environment. A newcomer's machine may run on the published development
 * values; a deployment may not. In production, or as soon as any secret (or an identity provider,
 * AUTH_JWKS_URL) is set for real, an unset or published value for another is refused: otherwise
 * a forgotten SUBGRAPH_SECRET would let anyone who read the README sign as the gateway.
 */
export function secret(name: SecretName): string {
  const value = process.env[name];
  const deployed =
    isProduction() ||
    Boolean(process.env.AUTH_JWKS_URL) ||
    (Object.keys(DEVELOPMENT_SECRETS) as SecretName[]).some(isReal);
  if (deployed && !isReal(name)) {
    throw new Error(
      value
        ? `${name} is the published development default; set a real secret, as the other secrets are.`
        : `${name} must be set: ${isProduction() ? 'NODE_ENV=production' : 'other secrets are set for real'}.`,
    );
  }
  return value || DEVELOPMENT_SECRETS[name];
}

/** A whole number from the environment: `fallback` when unset, else refused unless 0 ≤ value ≤ `max`. */
export function wholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new Error(`${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return value;
}

export const port = (name: string, fallback: number): number =>
  wholeNumber(name, process.env[name], fallback, 65535);

export const SUBGRAPHS = ['lists', 'measures', 'objections', 'cases'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** Where each subgraph listens by default; deployments set the ports and URLs in the environment. */
export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  lists: 4001,
  measures: 4002,
  objections: 4003,
  cases: 4004,
};

/** A subgraph's GraphQL URL in a deployment: `LISTS_URL`, `MEASURES_URL`, … or its default port here. */
export const subgraphUrlFromEnv = (name: SubgraphName) =>
  process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
