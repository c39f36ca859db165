import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { todayInChina } from '#common/calendar.ts';
import { type Caller, PURPOSE_HEADER } from '#common/caller.ts';
import { DEFAULT_PORTS, SUBGRAPHS } from '#common/config.ts';
import { DEMO_TODAY } from '#demo/dataset.ts';
import { contractOperation } from '../schema/contract.ts';
import { buildServices, builtService, type SERVICE_ENTRIES } from '../scripts/build.ts';
import { postGraphQL, tokenFor } from '../scripts/client.ts';
import { HEAP_BOUND, rssOf, type SpawnOptions, spawnService } from '../scripts/processes.ts';
import { seedScale } from '../scripts/seed-scale.ts';

/**
 * `npm run bench`: loads the synthetic register into a fresh PostgreSQL database (dropped and
 * created again) at 10,000, 100,000 and then `--subjects` subjects, runs every service in its own process, and drives them over HTTP with
 * autocannon from this one. Prints and writes (bench/results.md, data/bench.json) throughput,
 * p50, p99 and the peak resident memory of every service for each operation, our gateway against
 * @apollo/gateway and Grafbase's Rust gateway on the same subgraphs, the heavy profile, the reads
 * portals and clerks use most as ratios to the profile, and the growth of SubjectProfile's p99.
 */
const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    database: {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench',
    },
  },
});
// Every process runs as a deployment runs it: NODE_ENV=production (graphql-js drops its
// development checks), with secrets of the run's own, which the children inherit.
process.env.NODE_ENV = 'production';
for (const name of ['AUTH_SECRET', 'SUBGRAPH_SECRET'])
  process.env[name] ??= randomBytes(32).toString('base64url');

const target = Number(values.subjects);
const duration = Number(values.duration);
const connections = Number(values.connections);
const databaseUrl = values.database as string;
const scales = [10_000, 100_000, target].filter((n, i, all) => n <= target && all.indexOf(n) === i);

/**
 * The processes the requests go to: our gateway and the two peers, on their ports. Our gateway
 * runs without rate limits, to measure throughput; a second one keeps the default limits on heavy
 * requests, for the row of light requests beside heavy ones.
 */
const FRONTS = {
  gateway: 4000,
  'apollo-gateway': 4010,
  'one-process': 4020,
  'gateway-defaults': 4030,
  grafbase: 4050,
} as const;
/** The Rust peer's signer (bench/grafbase-signer.ts): its CPU is reported beside Grafbase's. */
const SIGNER = { name: 'grafbase-signer', port: 4041 } as const;
type Front = keyof typeof FRONTS;
const urlOf = (front: Front) => `http://127.0.0.1:${FRONTS[front]}/graphql`;
/** The peers run beside the platform; their memory is not the platform's. */
const PEERS: string[] = ['apollo-gateway', 'one-process', 'gateway-defaults', 'grafbase', SIGNER.name];

// ---- processes and their memory -------------------------------------------------------------

interface Service {
  name: string;
  process: ChildProcess;
  peakRss: number;
}
const services: Service[] = [];
process.on('exit', () => {
  for (const s of services) s.process.kill('SIGTERM');
});

async function start(
  name: keyof typeof SERVICE_ENTRIES,
  port: number,
  ready: Partial<SpawnOptions> = {},
  as: { label?: string; env?: Record<string, string> } = {},
) {
  const service = await spawnService(name, builtService(name), {
    port,
    // Logs at warn: a line per request would cost the services more than the benchmark measures.
    env: {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ...(as.env ?? { RATE_LIMIT_PER_MINUTE: '0', HEAVY_PER_MINUTE: '0', PUBLIC_CACHE_SECONDS: '0' }),
    },
    ...ready,
  });
  services.push({ name: as.label ?? name, process: service.child, peakRss: 0 });
}

/** CPU time (user and system) of a process so far, in ms, from /proc/<pid>/stat. */
const cpuMsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
};
// Linux reports CPU time in clock ticks, 100 a second on every architecture Node runs on.
const CLOCK_TICKS = 100;
const cpuNow = () =>
  new Map(
    services.flatMap((s) =>
      s.process.pid && s.process.exitCode === null ? [[s.name, cpuMsOf(s.process.pid)] as const] : [],
    ),
  );
let runPeaks = new Map<string, number>();
const sampler = setInterval(() => {
  for (const s of services) {
    if (!s.process.pid || s.process.exitCode !== null) continue;
    const rss = rssOf(s.process.pid);
    s.peakRss = Math.max(s.peakRss, rss);
    runPeaks.set(s.name, Math.max(runPeaks.get(s.name) ?? 0, rss));
  }
}, 200);

/**
 * Grafbase's Rust gateway (`grafbase dev`, from the npm package of its CLI) composes the four
 * subgraphs' SDL itself and reaches them through the signer, forwarding the client's token and
 * purpose. Without the package (another platform than linux-x64), the run goes on without it.
 */
async function startGrafbase(): Promise<boolean> {
  const binary = new URL('../node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase', import.meta.url)
    .pathname;
  if (!existsSync(binary)) {
    console.log('Grafbase CLI not installed (linux-x64 only): the Rust peer is left out.');
    return false;
  }
  await start('grafbase-signer', SIGNER.port, {}, { env: { GRAFBASE_SIGNER_PORT: String(SIGNER.port) } });
  const folder = new URL('../data/grafbase/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  const config = new URL('grafbase.toml', folder);
  writeFileSync(
    config,
    [
      ...SUBGRAPHS.flatMap((name) => [
        `[subgraphs.${name}]`,
        `url = "http://127.0.0.1:${SIGNER.port}/${name}"`,
        `schema_path = "${new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url).pathname}"`,
      ]),
      ...['authorization', PURPOSE_HEADER].flatMap((name) => [
        '[[headers]]',
        'rule = "forward"',
        `name = "${name}"`,
      ]),
    ].join('\n'),
  );
  const child = spawn(binary, ['dev', '-c', config.pathname, '-p', String(FRONTS.grafbase)], {
    cwd: folder.pathname,
    env: { ...process.env, HOME: folder.pathname, GRAFBASE_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  services.push({ name: 'grafbase', process: child, peakRss: 0 });
  for (let tries = 0; tries < 120; tries++) {
    const ready = await fetch(urlOf('grafbase'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('grafbase dev did not answer within a minute');
}
let withGrafbase = false;
const fronts = () => (Object.keys(FRONTS) as Front[]).filter((front) => withGrafbase || front !== 'grafbase');

async function startPlatform() {
  await Promise.all(SUBGRAPHS.map((name) => start(name, DEFAULT_PORTS[name])));
  await start('gateway', FRONTS.gateway);
  await start('apollo-gateway', FRONTS['apollo-gateway'], {
    readyPath: '/graphql?query=%7B__typename%7D',
    readyHeaders: { 'apollo-require-preflight': 'true' },
  });
  await start('one-process', FRONTS['one-process']);
  await start(
    'gateway',
    FRONTS['gateway-defaults'],
    {},
    {
      label: 'gateway-defaults',
      // The request rate stays unlimited so the profiles are measured; the heavy lane keeps its defaults.
      env: { GATEWAY_PORT: String(FRONTS['gateway-defaults']), RATE_LIMIT_PER_MINUTE: '0' },
    },
  );
  withGrafbase = await startGrafbase();
}

// ---- load ----------------------------------------------------------------------------------

interface Figure {
  operation: string;
  subjects: number;
  target: Front;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  peakRssMiB: Record<string, number>;
  /** CPU ms per request of the process the requests went to (our gateway, a peer). */
  frontCpuMs: number;
  /** CPU ms per request of every process of the run: the front and the subgraphs. */
  totalCpuMs: number;
  /** CPU ms per request of the subgraphs alone. */
  subgraphsCpuMs: number;
  /** For the Rust peer: CPU ms per request of its signer, which is not in `frontCpuMs`. */
  signerCpuMs?: number;
}
const figures: Figure[] = [];
const bearer = async (caller: Caller) => `Bearer ${await tokenFor(caller)}`;
/** Department systems state the purpose of their reads of personal data, so they see them in full. */
const PURPOSE = '联合奖惩基准测试';
const department = { role: 'DEPARTMENT' as const, dept: '370100-SAMR', purpose: PURPOSE };
const headersFor = (authorization?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...(authorization ? { authorization, [PURPOSE_HEADER]: encodeURIComponent(PURPOSE) } : {}),
});

/** One operation under load; `body` gives each request its own variables. */
async function load(
  operation: string,
  subjects: number,
  request: () => { variables: Record<string, unknown>; authorization?: string },
  options: {
    front?: Front;
    label?: string;
    amount?: number;
    connections?: number;
    /** A warm-up: run, but neither kept nor printed. */
    warmUp?: boolean;
  } = {},
) {
  const query = contractOperation(operation);
  const label = options.label ?? operation;
  const front = options.front ?? 'gateway';
  const url = urlOf(front);
  const probe = request();
  const check = await fetch(url, {
    method: 'POST',
    headers: headersFor(probe.authorization),
    body: JSON.stringify({ query, variables: probe.variables }),
  });
  const checked = (await check.json()) as { errors?: unknown };
  if (checked.errors)
    throw new Error(`${label} answered errors: ${JSON.stringify(checked.errors).slice(0, 500)}`);

  let errors = 0;
  const samples: string[] = [];
  runPeaks = new Map();
  const cpuBefore = cpuNow();
  const result = await autocannon({
    url,
    connections: options.connections ?? connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.warmUp ? 3 : duration }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const { variables, authorization } = request();
          return { ...req, headers: headersFor(authorization), body: JSON.stringify({ query, variables }) };
        },
        onResponse: (status, body) => {
          if (status === 200 && !body.includes('"errors"')) return;
          errors++;
          if (samples.length < 3) samples.push(body.slice(0, 300));
        },
      },
    ],
  });
  const cpuAfter = cpuNow();
  const requests = Math.max(1, result.requests.total);
  const cpuOf = (name: string) => (cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0);
  const subgraphsCpu = SUBGRAPHS.reduce((sum, name) => sum + cpuOf(name), 0);
  const signerCpu = front === 'grafbase' ? cpuOf(SIGNER.name) : 0;
  const figure: Figure = {
    operation: label,
    subjects,
    target: front,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.errors + result.timeouts,
    peakRssMiB: Object.fromEntries([...runPeaks].map(([name, rss]) => [name, Math.round(rss / 2 ** 20)])),
    frontCpuMs: round2(cpuOf(front) / requests),
    totalCpuMs: round2((cpuOf(front) + subgraphsCpu + signerCpu) / requests),
    subgraphsCpuMs: round2(subgraphsCpu / requests),
    ...(front === 'grafbase' ? { signerCpuMs: round2(signerCpu / requests) } : {}),
  };
  if (options.warmUp) return figure;
  figures.push(figure);
  for (const sample of samples) console.log(`  error: ${sample}`);
  const memory = Object.entries(figure.peakRssMiB)
    .filter(([name]) => !PEERS.includes(name))
    .reduce((sum, [, mib]) => sum + mib, 0);
  console.log(
    `${label.padEnd(28)} ${String(subjects).padStart(8)} ${figure.target.padEnd(14)} ${String(figure.requestsPerSecond).padStart(6)} req/s  p50 ${String(figure.p50).padStart(4)} ms  p99 ${String(figure.p99).padStart(5)} ms  errors ${figure.errors}  cpu ${figure.frontCpuMs}/${figure.totalCpuMs} ms  rss ${memory} MiB`,
  );
  return figure;
}

// ---- the data the requests pick from --------------------------------------------------------

const round2 = (n: number) => Math.round(n * 100) / 100;
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;

async function identifiers(limit: number): Promise<string[]> {
  const rows = await sql`select coalesce(uscc, id_number) as identifier from lists.subjects
    tablesample system (5) limit ${limit}`;
  return rows.map((r) => r.identifier as string);
}

/**
 * Every front gives the same SubjectProfile answer for each identifier, byte for byte, or comparing
 * their figures means nothing.
 */
async function assertSameAnswers(compared: Front[], identifiers: string[]) {
  for (const identifier of identifiers) {
    const body = { query: contractOperation('SubjectProfile'), variables: { identifier } };
    const answers = await Promise.all(
      compared.map(async (front) =>
        (await (await postGraphQL(urlOf(front), body, department)).text()).trim(),
      ),
    );
    const differing = compared.filter((_, i) => answers[i] !== answers[0]);
    if (differing.length > 0)
      throw new Error(
        `${differing.join(', ')} answer ${identifier} differently from ${compared[0]}:\n${answers.join('\n')}`,
      );
  }
}

/** A few seconds of SubjectProfile through each front first, so no measured run pays for the JIT. */
async function warmUp() {
  const some = await identifiers(100);
  const authorization = await bearer(department);
  for (const front of fronts())
    await load('SubjectProfile', 0, () => ({ variables: { identifier: pick(some) }, authorization }), {
      front,
      warmUp: true,
    });
}

async function profileRuns(subjects: number) {
  const warm = (await identifiers(100)).slice(0, 100);
  const cold = await identifiers(50_000);
  let next = 0;
  const authorization = await bearer(department);
  await load(
    'SubjectProfile',
    subjects,
    () => ({ variables: { identifier: cold[next++ % cold.length] }, authorization }),
    {
      label: 'SubjectProfile (cold)',
    },
  );
  return load('SubjectProfile', subjects, () => ({ variables: { identifier: pick(warm) }, authorization }), {
    label: 'SubjectProfile (warm)',
  });
}

// ---- the run -------------------------------------------------------------------------------

const started = Date.now();
for (const port of [...Object.values(FRONTS), ...Object.values(DEFAULT_PORTS)]) {
  const busy = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`Port ${port} is in use; stop npm start before the benchmark.`);
}
// Every process runs as a deployment runs it: built JavaScript, without the TypeScript loader.
await buildServices();
const adminUrl = new URL(databaseUrl);
const name = adminUrl.pathname.slice(1);
adminUrl.pathname = '/postgres';
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
// The growth figures need the data to grow during the run, so every run starts from nothing.
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();

console.log(
  `bench: ${scales.map((n) => n.toLocaleString('en')).join(' → ')} subjects, ${duration} s per run, ${connections} connections`,
);
const loads: { subjects: number; seconds: number; rssMiB: number }[] = [];
let platformStarted = false;
for (const subjects of scales) {
  const { added, seconds } = await seedScale(databaseUrl, subjects, 5000, () => {});
  if (added > 0)
    loads.push({ subjects: added, seconds, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) });
  // The steady state autovacuum keeps: fresh statistics, and the GIN indexes' pending lists merged.
  await sql.unsafe('vacuum analyze');
  console.log(
    `loaded ${subjects.toLocaleString('en')} subjects (${added.toLocaleString('en')} added in ${seconds.toFixed(0)} s)`,
  );
  if (!platformStarted) {
    await startPlatform();
    platformStarted = true;
    await warmUp();
  }
  if (subjects !== target) await profileRuns(subjects);
}

const ours = await profileRuns(target);
const authorization = await bearer(department);
const warm = await identifiers(100);
const apollo = await load(
  'SubjectProfile',
  target,
  () => ({ variables: { identifier: pick(warm) }, authorization }),
  {
    front: 'apollo-gateway',
    label: 'SubjectProfile (warm)',
  },
);

// The floor must do the same work: the same answers, personal data and all.
await assertSameAnswers(['gateway', 'one-process'], warm.slice(0, 20));
const floor = await load(
  'SubjectProfile',
  target,
  () => ({ variables: { identifier: pick(warm) }, authorization }),
  { front: 'one-process', label: 'SubjectProfile (warm)' },
);

const rust = withGrafbase
  ? await load('SubjectProfile', target, () => ({ variables: { identifier: pick(warm) }, authorization }), {
      front: 'grafbase',
      label: 'SubjectProfile (warm)',
    })
  : null;

// The heavy profile: organisations with six blacklistings in force and their executions.
const heavy = (
  await sql`select s.uscc from lists.subjects s where s.id in (
    select subject_id from lists.listings where status = 'EFFECTIVE' group by subject_id having count(*) >= 5)
    limit 100`
).map((r) => r.uscc as string);
const heavyFronts = fronts().filter((f) => f !== 'gateway-defaults');
await assertSameAnswers(heavyFronts, heavy.slice(0, 10));
const heavyRuns = new Map<Front, Figure>();
for (const front of heavyFronts)
  heavyRuns.set(
    front,
    await load('SubjectProfile', target, () => ({ variables: { identifier: pick(heavy) }, authorization }), {
      front,
      label: `SubjectProfile (heavy, ${heavy.length} subjects)`,
    }),
  );

const screenPool = await identifiers(20_000);
const defaultsIdle = await load(
  'SubjectProfile',
  target,
  () => ({ variables: { identifier: pick(warm) }, authorization }),
  { label: 'SubjectProfile (warm)', front: 'gateway-defaults' },
);

// The costliest request the limits accept: a screening of 1,000 identifiers as the contract writes
// it (cost about 7,000 of the 10,000 allowed), from 4 clients of another department, while
// departments read profiles, through the gateway with the deployment's default limits.
const screener = await bearer({ role: 'DEPARTMENT', dept: '370100-TAX' });
const hostile = autocannon({
  url: urlOf('gateway-defaults'),
  connections: 4,
  duration: duration + 1,
  requests: [
    {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: headersFor(screener),
        body: JSON.stringify({
          query: contractOperation('ScreenSubjects'),
          variables: { identifiers: Array.from({ length: 1000 }, () => pick(screenPool)) },
        }),
      }),
    },
  ],
});
const starved = await load(
  'SubjectProfile',
  target,
  () => ({ variables: { identifier: pick(warm) }, authorization }),
  { label: 'SubjectProfile (warm, 4 clients screening 1,000)', front: 'gateway-defaults' },
);
const hostileResult = await hostile;
const answered = hostileResult['2xx'];
console.log(
  `  beside it: ScreenSubjects of 1,000 from 4 clients, ${answered} answered and ${hostileResult.non2xx} refused (429) in ${duration + 1} s`,
);

await load(
  'ScreenSubjects',
  target,
  () => ({ variables: { identifiers: Array.from({ length: 1000 }, () => pick(screenPool)) }, authorization }),
  { label: 'ScreenSubjects (1,000, 1 connection)', connections: 1 },
);
// A page sample (tablesample) can come back empty on a small register; a random sort always answers.
const names = (
  await sql`select name from lists.subjects where kind <> 'NATURAL_PERSON' order by random() limit 500`
).map((r) => [...(r.name as string)].slice(0, 6).join(''));
const search = await load('SearchSubjects', target, () => ({
  variables: { text: pick(names), first: 20 },
  authorization,
}));
const departments = (await sql`select distinct department_code from measures.dispatches`).map(
  (r) => r.department_code as string,
);
const inboxTokens = await Promise.all(departments.map((dept) => bearer({ role: 'DEPARTMENT', dept })));
const inbox = await load('DepartmentInbox', target, () => ({
  variables: { filter: { statuses: ['PENDING'] }, first: 20 },
  authorization: pick(inboxTokens),
}));
const catalogue = await load('MeasureCatalogue', target, () => ({
  variables: { filter: { listType: 'BLACK' } },
}));
const phrases = ['食品安全', '增值税', '拖欠 工资', '废水', '限制高消费', '联合激励'];
const cases = Number((await sql`select count(*) as n from cases.cases`)[0]?.n);
const casesText = await load(
  'CasesPage',
  target,
  () => ({ variables: { filter: { text: pick(phrases) }, first: 10 } }),
  {
    label: `CasesPage (text, ${cases.toLocaleString('en')} cases)`,
  },
);
// The same PUBLIC reads through the gateway with its default public response cache.
const cachedCatalogue = await load(
  'MeasureCatalogue',
  target,
  () => ({ variables: { filter: { listType: 'BLACK' } } }),
  { front: 'gateway-defaults', label: 'MeasureCatalogue (public cache)' },
);
const cachedCases = await load(
  'CasesPage',
  target,
  () => ({ variables: { filter: { text: pick(phrases) }, first: 10 } }),
  { front: 'gateway-defaults', label: 'CasesPage (text, public cache)' },
);

const creditCheck = await load('PerformCreditCheck', target, () => ({
  variables: {
    input: {
      identifier: pick(screenPool),
      scenario: 'GOVERNMENT_PROCUREMENT',
      checkedOn: DEMO_TODAY,
      purpose: '政府采购供应商资格审查',
    },
  },
  authorization,
}));
const pending = await sql`
  select d.id, d.department_code, m.scenarios[1] as scenario from measures.dispatches d
  join measures.measures m on m.code = d.measure_code and m.version = d.measure_version
  where d.status = 'PENDING' order by d.id limit 40000`;
const executionTokens = new Map(
  await Promise.all(
    [...new Set(pending.map((p) => p.department_code as string))].map(
      async (dept) => [dept, await bearer({ role: 'DEPARTMENT', dept })] as const,
    ),
  ),
);
let nextDispatch = 0;
await load(
  'RecordExecution',
  target,
  () => {
    const dispatch = pending[nextDispatch++ % pending.length] as (typeof pending)[number];
    return {
      variables: {
        input: {
          dispatchId: dispatch.id,
          outcome: 'APPLIED',
          executedOn: todayInChina(),
          scenario: dispatch.scenario,
          decisionRef: `BENCH-${nextDispatch}`,
          reason: '依据合作备忘录实施。',
          idempotencyKey: `bench-${dispatch.id}`,
        },
      },
      authorization: executionTokens.get(dispatch.department_code as string),
    };
  },
  { amount: Math.min(pending.length, duration * 400) },
);

// ---- report ---------------------------------------------------------------------------------

clearInterval(sampler);
for (const s of services) s.process.kill('SIGTERM');
await sql.end();

const FRONT_NAMES: Record<Front, string> = {
  gateway: 'Hive runtime',
  'gateway-defaults': 'Hive runtime, heavy-request limits on',
  'apollo-gateway': '@apollo/gateway',
  'one-process': 'one process (floor)',
  grafbase: 'Grafbase (Rust), signer apart',
};
const at = (operation: string, subjects: number) =>
  figures.find((f) => f.operation === operation && f.subjects === subjects && f.target === 'gateway');
const smallest = at('SubjectProfile (warm)', scales[0] as number);
const screen = at('ScreenSubjects (1,000, 1 connection)', target);
const peakTotal = Math.round(
  services.filter((s) => !PEERS.includes(s.name)).reduce((t, s) => t + s.peakRss, 0) / 2 ** 20,
);
const heavyOurs = heavyRuns.get('gateway');
const heavyRust = heavyRuns.get('grafbase');
const ratioRow = (what: string, read: Figure, floor: number) => {
  const ratio = read.requestsPerSecond / ours.requestsPerSecond;
  return `| ${what}: ≥ ${floor.toFixed(1)}× SubjectProfile (warm)'s throughput | ${ratio.toFixed(2)}× (${read.requestsPerSecond} against ${ours.requestsPerSecond} req/s) | ${ratio >= floor ? 'yes' : 'no'} |`;
};
const rustRow = () => {
  if (!heavyOurs || !heavyRust?.signerCpuMs)
    return "| our gateway CPU per heavy SubjectProfile ≤ 2.5× the Rust gateway's | Grafbase not installed | – |";
  const alone = heavyOurs.frontCpuMs / heavyRust.frontCpuMs;
  const signed = heavyOurs.frontCpuMs / (heavyRust.frontCpuMs + heavyRust.signerCpuMs);
  return `| our gateway CPU per heavy SubjectProfile ≤ 2.5× the Rust gateway's | ${alone.toFixed(2)}× (${heavyOurs.frontCpuMs} against ${heavyRust.frontCpuMs} ms); ${signed.toFixed(2)}× counting its signer (${heavyRust.signerCpuMs} ms) | ${alone <= 2.5 ? 'yes' : 'no'} |`;
};
const ratios = {
  oursOverApollo: ours.requestsPerSecond / apollo.requestsPerSecond,
  apolloCpuOverOurs: apollo.frontCpuMs / ours.frontCpuMs,
  oursOverFloor: ours.requestsPerSecond / floor.requestsPerSecond,
  p99GrowthLargestOverSmallest: smallest ? ours.p99 / smallest.p99 : null,
  starvedOverIdleP50: starved.p50 / defaultsIdle.p50,
};
const lines = [
  `# Benchmark results`,
  '',
  `\`npm run bench -- --subjects ${target}\` on ${new Date().toISOString().slice(0, 10)}: PostgreSQL 15, every service in its own`,
  `Node ${process.version} process (\`${HEAP_BOUND}\`), autocannon with ${connections} connections for ${duration} s per`,
  `operation from a separate process, all on one 2-core machine. Run took ${Math.round((Date.now() - started) / 60_000)} min.`,
  '',
  '| operation | subjects | served by | req/s | p50 ms | p99 ms | errors | CPU ms/request: front, subgraphs, all | peak RSS of services (MiB) |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...figures.map(
    (f) =>
      `| ${f.operation} | ${f.subjects.toLocaleString('en')} | ${FRONT_NAMES[f.target]} | ${f.requestsPerSecond} | ${f.p50} | ${f.p99} | ${f.errors} | ${f.frontCpuMs}${f.signerCpuMs !== undefined ? ` (+${f.signerCpuMs} signer)` : ''}, ${f.subgraphsCpuMs}, ${f.totalCpuMs} | ${Object.entries(
        f.peakRssMiB,
      )
        .map(([n, m]) => `${n} ${m}`)
        .join(', ')} |`,
  ),
  '',
  '| target | measured | met |',
  '| --- | --- | --- |',
  `| our gateway ≥ 2× @apollo/gateway on SubjectProfile (warm) | ${ratios.oursOverApollo.toFixed(2)}× the throughput; @apollo/gateway spends ${ratios.apolloCpuOverOurs.toFixed(2)}× our gateway's CPU per request | ${ratios.oursOverApollo >= 2 ? 'yes' : 'no'} |`,
  `| SubjectProfile p99 at ${target.toLocaleString('en')} ≤ 1.2× p99 at ${(scales[0] as number).toLocaleString('en')} | ${ratios.p99GrowthLargestOverSmallest?.toFixed(2) ?? '–'}× | ${ratios.p99GrowthLargestOverSmallest !== null && ratios.p99GrowthLargestOverSmallest <= 1.2 ? 'yes' : 'no'} |`,
  `| ScreenSubjects of 1,000: p50 < 200 ms | ${screen?.p50 ?? '–'} ms | ${screen && screen.p50 < 200 ? 'yes' : 'no'} |`,
  `| the five services ≤ 768 MiB resident under load (sum of peaks, without the peers) | ${peakTotal} MiB | ${peakTotal <= 768 ? 'yes' : 'no'} |`,
  rustRow(),
  ratioRow('SearchSubjects', search, 1),
  ratioRow('CasesPage (text)', casesText, 1),
  ratioRow('PerformCreditCheck', creditCheck, 1),
  ratioRow('DepartmentInbox', inbox, 1),
  ratioRow('MeasureCatalogue', catalogue, 3),
  ratioRow('MeasureCatalogue with the public cache', cachedCatalogue, 3),
  ratioRow('CasesPage (text) with the public cache', cachedCases, 1),
  `| ScreenSubjects of 1,000: p50 ≤ 2× SubjectProfile (warm)'s p50 | ${((screen?.p50 ?? 0) / ours.p50).toFixed(2)}× (${screen?.p50 ?? '–'} against ${ours.p50} ms) | ${screen && screen.p50 <= 2 * ours.p50 ? 'yes' : 'no'} |`,
  `| SubjectProfile p50 while 4 clients send the costliest accepted request (ScreenSubjects of 1,000) ≤ 2× the idle p50 | ${ratios.starvedOverIdleP50.toFixed(2)}× (${starved.p50} against ${defaultsIdle.p50} ms) | ${ratios.starvedOverIdleP50 <= 2 ? 'yes' : 'no'} |`,
  `| federation ≤ 2×: our throughput ≥ half the one-process floor's on SubjectProfile (warm) | ${ratios.oursOverFloor.toFixed(2)}× the floor (${ours.requestsPerSecond} against ${floor.requestsPerSecond} req/s) | ${ratios.oursOverFloor >= 0.5 ? 'yes' : 'no'} |`,
  '',
  `Loading: ${loads.map((l) => `${l.subjects.toLocaleString('en')} subjects in ${l.seconds.toFixed(0)} s (loader RSS ${l.rssMiB} MiB)`).join('; ') || 'data already loaded'}.`,
  '',
];
writeFileSync(new URL('results.md', import.meta.url), lines.join('\n'));
mkdirSync(new URL('../data/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../data/bench.json', import.meta.url),
  JSON.stringify(
    { figures, ratios, loads, peakTotal, rust: rust && { warm: rust, heavy: heavyRust } },
    null,
    2,
  ),
);
console.log(lines.slice(lines.indexOf('| target | measured | met |')).join('\n'));
process.exit(0);
