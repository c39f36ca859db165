import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PURPOSE_HEADER, signToken } from '#common/caller.ts';
import { secret } from '#common/config.ts';
import { buildDemoDataset } from '#demo/dataset.ts';

/**
 * Sequential SubjectProfile requests against a running gateway (npm start), as a department:
 * prints the median and p90 latency. Usage: npm run measure:profile -- [--requests 200] [--url …]
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    requests: { type: 'string', default: '200' },
  },
});
const query = `query SubjectProfile($identifier: String!) { subject(identifier: $identifier) {
  id kind name uscc idNumber creditStatus
  listings(statuses: [EFFECTIVE]) { id listType status validFrom validUntil
    initiatingDepartment { code name jurisdiction { code name } }
    applicableMeasures { measure { code name kind enforcement } implementingDepartment { code name } suspended }
    executions { id measure { code name } department { code name } executedOn decisionRef }
    objections { id status } repairs { id status } }
  answersFor { id } cases { id title } } }`;

const identifiers = buildDemoDataset()
  .subjects.filter((s) => s.uscc)
  .map((s) => s.uscc as string);
const token = await signToken({ role: 'DEPARTMENT', dept: '370100-SAMR' }, secret('AUTH_SECRET'), {
  expiresIn: '1h',
});
const timings: number[] = [];
const total = Number(values.requests);
for (let i = 0; i < total; i++) {
  const started = performance.now();
  const response = await fetch(values.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      [PURPOSE_HEADER]: encodeURIComponent('查询耗时测量'),
    },
    body: JSON.stringify({ query, variables: { identifier: identifiers[i % identifiers.length] } }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
const at = (q: number) => (timings[Math.floor(q * (timings.length - 1))] ?? 0).toFixed(1);
console.log(
  `SubjectProfile over ${total} sequential requests: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`,
);
