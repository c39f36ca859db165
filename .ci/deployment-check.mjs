// The documented deployment, as CI checks it: run from a copy installed with `npm ci --omit=dev`,
// it starts the five built services on PostgreSQL (DATABASE_URL), waits until each is ready, and
// asks the gateway one SubjectProfile. Plain JavaScript: a production install has no TypeScript.
import { spawn } from 'node:child_process';

const ports = { gateway: 4200, lists: 4201, measures: 4202, objections: 4203, cases: 4204 };
const urls = Object.fromEntries(
  ['lists', 'measures', 'objections', 'cases'].map((name) => [
    `${name.toUpperCase()}_URL`,
    `http://127.0.0.1:${ports[name]}/graphql`,
  ]),
);
const children = Object.entries(ports).map(([name, port]) =>
  spawn(process.execPath, [`dist/${name}.mjs`], {
    env: { ...process.env, ...urls, LOG_LEVEL: 'warn', [`${name.toUpperCase()}_PORT`]: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
);
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
try {
  for (const [name, port] of Object.entries(ports)) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`${name} never became ready`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const response = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query SubjectProfile($identifier: String!) { subject(identifier: $identifier) { name creditStatus listings { listType applicableMeasures { measure { code } } } } jurisdictions { code } }',
      variables: { identifier: '91370100MA3C5GQX12' },
    }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors)
    throw new Error(`SubjectProfile answered ${response.status}: ${JSON.stringify(body)}`);
  console.log(
    `deployment check: five built services on PostgreSQL answered SubjectProfile: ${JSON.stringify(body.data)}`,
  );
} finally {
  stop();
}
