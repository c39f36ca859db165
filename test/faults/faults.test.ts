import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { jurisdictionOf } from '#common/access.ts';
import { CALLER_HEADER, internalRequestSigner } from '#common/caller.ts';
import { SUBGRAPHS, type SubgraphName, secret } from '#common/config.ts';
import { EVENTS_PATH } from '#common/events.ts';
import { deleteStream } from '#common/jetstream.ts';
import { uscc } from '#demo/dataset.ts';
import { buildServices, builtService } from '../../scripts/build.ts';
import { nodeArgs, type ServiceProcess, spawnService } from '../../scripts/processes.ts';
import { seedScale } from '../../scripts/seed-scale.ts';
import { MODULES } from '../../scripts/stack.ts';
import { demo, jinanFoodCompany, xiamenDefaulter } from '../demo.ts';
import {
  blackProposal,
  creditOffice,
  jinanSamr,
  kunmingSamr,
  PUBLICITY_STARTS_ON,
  SIGNED_ON,
} from '../flows.ts';
import { contractOperation, eventually, postGraphQL } from '../kit.ts';

/**
 * The platform as a deployment runs it: each service built, its own process on PostgreSQL, killed,
 * restarted and starved of its database while clients keep writing.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `faults_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
/** The services read through a role that cannot write, standing in for a streaming replica. */
const READER = 'platform_reader';
const readUrl = Object.assign(new URL(databaseUrl), { username: READER, password: '' }).toString();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });

const PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4100,
  lists: 4101,
  measures: 4102,
  objections: 4103,
  cases: 4104,
};
const GATEWAY = `http://127.0.0.1:${PORTS.gateway}/graphql`;
const url = (service: SubgraphName) => `http://127.0.0.1:${PORTS[service]}`;
const running = new Map<string, ServiceProcess>();
/** Where each service finds the subgraphs: LISTS_URL, MEASURES_URL, … */
const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.map((peer) => [`${peer.toUpperCase()}_URL`, `${url(peer)}/graphql`]),
);

/** With TEST_NATS_URL the services' events travel through JetStream, on a stream of the suite's own. */
const natsUrl = process.env.TEST_NATS_URL || undefined;
const natsStream = `FAULTS_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
const eventsEnv = natsUrl ? { NATS_URL: natsUrl, NATS_STREAM: natsStream } : {};

function startSubgraph(service: SubgraphName, extraEnv: Record<string, string> = {}) {
  const subscribers = (MODULES[service].eventSubscribers ?? []).map(
    (subscriber) => `${subscriber}=${url(subscriber as SubgraphName)}${EVENTS_PATH}`,
  );
  return spawnService(service, builtService(service), {
    port: PORTS[service],
    env: {
      DATABASE_URL: databaseUrl,
      DATABASE_READ_URL: readUrl,
      LOG_LEVEL: 'info',
      [`${service.toUpperCase()}_PORT`]: String(PORTS[service]),
      EVENT_SUBSCRIBERS: subscribers.join(','),
      ...eventsEnv,
      ...subgraphUrls,
      ...extraEnv,
    },
  }).then((process) => {
    running.set(service, process);
    return process;
  });
}

async function startGatewayProcess() {
  const gateway = await spawnService('gateway', builtService('gateway'), {
    port: PORTS.gateway,
    env: {
      GATEWAY_PORT: String(PORTS.gateway),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      ...subgraphUrls,
    },
  });
  running.set('gateway', gateway);
}

async function kill(service: string, signal: NodeJS.Signals) {
  const process = running.get(service);
  if (!process) throw new Error(`${service} is not running`);
  process.child.kill(signal);
  return process.exited;
}

beforeAll(async () => {
  // The services run as a deployment runs them: built by `npm run build`.
  await buildServices();
  await admin.unsafe(`create database ${name}`);
  await admin.unsafe(`do $$ begin
    create role ${READER} login in role pg_read_all_data;
    exception when duplicate_object then null;
  end $$`);
  await admin.unsafe(`alter role ${READER} set default_transaction_read_only = on`);
  // A deployed service starts empty: the suite loads the demo data first, as the benchmark does.
  await seedScale(databaseUrl, 0, 5000, () => {});
  for (const service of SUBGRAPHS) await startSubgraph(service);
  await startGatewayProcess();
}, 180_000);

afterAll(async () => {
  for (const process of running.values()) process.child.kill('SIGKILL');
  await db.end();
  if (natsUrl) await deleteStream(natsUrl, natsStream);
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

interface Outcome {
  acknowledged: boolean;
  attempts: number;
}

/**
 * A clerk's system that retries: until the write is answered, or refused as already done
 * (CONFLICT), which means an earlier attempt was written but its answer was lost.
 */
async function writeUntilAnswered(
  query: string,
  variables: Record<string, unknown>,
  caller: Parameters<typeof postGraphQL>[2],
): Promise<Outcome & { conflict: boolean }> {
  for (let attempts = 1; attempts < 400; attempts++) {
    try {
      const response = await postGraphQL(GATEWAY, { query, variables }, caller);
      const body = (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: { extensions?: { code?: string } }[];
      };
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      if (!body.errors) return { acknowledged: true, conflict: false, attempts };
      if (codes.includes('CONFLICT')) return { acknowledged: false, conflict: true, attempts };
      if (codes.some((code) => code === 'BAD_USER_INPUT' || code === 'FORBIDDEN')) {
        throw new Error(`refused: ${JSON.stringify(body.errors)}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('refused')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never answered');
}

describe('faults', () => {
  it('answers with the other subgraphs’ data and an error naming cases when the cases service is down', async () => {
    await kill('cases', 'SIGKILL');
    onTestFinished(() => startSubgraph('cases').then(() => undefined));
    const company = demo.subjects[0] as { uscc: string; name: string };
    const response = await postGraphQL(GATEWAY, {
      query: `query($id: String!) { subject(identifier: $id) { name creditStatus cases { id } } }`,
      variables: { id: company.uscc },
    });
    const body = (await response.json()) as {
      data: { subject: { name: string; creditStatus: string; cases: unknown } };
      errors: { message: string; path: string[]; extensions: Record<string, unknown> }[];
    };
    expect(body.data.subject).toMatchObject({ name: company.name, creditStatus: 'BLACKLISTED', cases: null });
    expect(body.errors[0]?.path).toEqual(['subject', 'cases']);
    expect(body.errors[0]).toMatchObject({
      message: 'The cases service is unavailable; the rest of the answer is complete. Try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'cases' },
    });
    expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|_entities/);
  });

  it('loses no acknowledged write and writes none twice when lists is killed with SIGKILL under load', async () => {
    const identifiers = Array.from({ length: 240 }, (_, i) => uscc('370100', 900_000 + i));
    const outcomes: (Outcome & { conflict: boolean; uscc: string })[] = [];
    const workers = Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < identifiers.length; i += 8) {
        const code = identifiers[i] as string;
        const outcome = await writeUntilAnswered(
          contractOperation('RegisterSubject'),
          { input: { kind: 'LEGAL_PERSON', name: `故障测试企业${i}有限公司`, uscc: code } },
          jinanSamr,
        );
        outcomes.push({ ...outcome, uscc: code });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await kill('lists', 'SIGKILL')).toBe('SIGKILL');
    await startSubgraph('lists');
    await Promise.all(workers);

    const rows = await db.unsafe<{ uscc: string; copies: number }[]>(
      `select uscc, count(*)::int as copies from lists.subjects where uscc = any($1) group by uscc`,
      [identifiers],
    );
    const copies = new Map(rows.map((r) => [r.uscc, r.copies]));
    const acknowledged = outcomes.filter((o) => o.acknowledged);
    expect(outcomes).toHaveLength(identifiers.length);
    expect(acknowledged.filter((o) => copies.get(o.uscc) !== 1)).toEqual([]);
    expect([...copies.values()].filter((n) => n > 1)).toEqual([]);
    expect(outcomes.filter((o) => o.conflict && copies.get(o.uscc) !== 1)).toEqual([]);
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
    console.info(
      `SIGKILL under load: ${outcomes.length} writes, ${acknowledged.length} acknowledged, ` +
        `${outcomes.filter((o) => o.conflict).length} found written on retry, ` +
        `${outcomes.filter((o) => o.attempts > 1).length} retried, 0 lost, 0 twice`,
    );
  });

  it('delivers every event once after the publisher and the subscriber are killed mid-load', async () => {
    const effective = demo.listings.filter(
      (l) => l.status === 'EFFECTIVE' && (l.listType === 'RED' || l.listType === 'BLACK'),
    );
    const exits = effective.map((listing) =>
      writeUntilAnswered(
        contractOperation('ExitListing'),
        { input: { listingId: listing.id, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-20' } },
        // The credit office of the entry's jurisdiction (谁认定谁负责).
        { ...creditOffice, dept: `${jurisdictionOf(listing.departmentCode)}-CREDIT` },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await kill('measures', 'SIGKILL');
    await kill('lists', 'SIGKILL');
    await startSubgraph('lists');
    await startSubgraph('measures');
    const outcomes = await Promise.all(exits);
    expect(outcomes.every((o) => o.acknowledged || o.conflict)).toBe(true);

    const exited = await db.unsafe<{ id: string }[]>(
      `select id from lists.listings where id = any($1) and status = 'EXITED'`,
      [effective.map((l) => l.id)],
    );
    expect(exited).toHaveLength(effective.length);
    await eventually(async () => {
      const [published] = await db.unsafe<{ last: number }[]>(
        `select id::int as last from lists.outbox order by txid desc, id desc limit 1`,
      );
      const cursors = await db.unsafe<{ subscriber: string; last: number }[]>(
        `select subscriber, last_event_id::int as last from lists.outbox_cursors`,
      );
      for (const cursor of cursors) expect(cursor.last).toBe(published?.last);
      const [stillApplied] = await db.unsafe<{ n: number }[]>(
        `select count(*)::int as n from measures.dispatches
          where listing_id = any($1) and status in ('PENDING', 'SUSPENDED')`,
        [effective.map((l) => l.id)],
      );
      expect(stillApplied?.n).toBe(0);
    }, 30_000);
    const [duplicates] = await db.unsafe<{ n: number }[]>(
      `select count(*)::int as n from (select source, event_id from measures.inbox group by 1, 2 having count(*) > 1) d`,
    );
    expect(duplicates?.n).toBe(0);
  });

  it('drains the requests in flight on SIGTERM before it exits', async () => {
    const identifiers = demo.subjects.slice(0, 300).map((s) => s.uscc ?? s.idNumber ?? s.id);
    const inFlight = Array.from({ length: 6 }, () =>
      postGraphQL(
        GATEWAY,
        { query: contractOperation('ScreenSubjects'), variables: { identifiers } },
        jinanSamr,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    const exited = kill('lists', 'SIGTERM');
    const responses = await Promise.all(inFlight);
    const bodies = await Promise.all(
      responses.map((r) => r.json() as Promise<{ data?: unknown; errors?: unknown }>),
    );
    expect(await exited).toBe(0);
    expect(bodies.filter((b) => b.errors)).toEqual([]);
    expect(bodies.every((b) => b.data)).toBe(true);
    await startSubgraph('lists');
  });

  it('reports not ready while PostgreSQL is down and recovers without a restart once it is back', async () => {
    const cluster = execFileSync('ls', ['/etc/postgresql']).toString().trim();
    const pgctl = (action: 'stop' | 'start') =>
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', action], {
        stdio: 'ignore',
      });
    await db.end();
    pgctl('stop');
    try {
      for (const service of SUBGRAPHS) {
        const response = await fetch(`${url(service)}/readyz`);
        expect(response.status, service).toBe(503);
      }
      const during = await postGraphQL(GATEWAY, { query: contractOperation('Directory') });
      const duringBody = (await during.json()) as { errors?: { message: string }[] };
      expect(JSON.stringify(duringBody.errors)).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      pgctl('start');
    }
    await eventually(async () => {
      for (const service of SUBGRAPHS) expect((await fetch(`${url(service)}/readyz`)).status).toBe(200);
      const { data } = (await (
        await postGraphQL(GATEWAY, { query: contractOperation('Directory') })
      ).json()) as {
        data: { jurisdictions: unknown[] };
      };
      expect(data.jurisdictions).toHaveLength(5);
    }, 30_000);
  });

  it('logs JSON lines carrying the gateway’s request id into every subgraph it called', async () => {
    const requestId = `fault-suite-${randomUUID()}`;
    // An entry the earlier tests left in force, so the profile needs measures too.
    const watched = demo.listings.find((l) => l.status === 'EFFECTIVE' && l.listType === 'WATCH');
    const company = demo.subjects.find((s) => s.id === watched?.subjectId) as { uscc: string };
    await postGraphQL(
      GATEWAY,
      { query: contractOperation('SubjectProfile'), variables: { identifier: company.uscc } },
      jinanSamr,
      { 'x-request-id': requestId },
    );
    await eventually(async () => {
      const services = [...running.values()]
        .filter((p) => p.logLines().some((line) => line.requestId === requestId))
        .map((p) => p.name)
        .sort();
      expect(services).toEqual(['cases', 'gateway', 'lists', 'measures', 'objections']);
    });
    const metrics = await (await fetch(`${url('lists')}/metrics`)).text();
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{service="lists",route="\/graphql",status="200"\} \d+/,
    );
  });

  it('refuses to start in production without real secrets', () => {
    for (const file of [builtService('gateway'), builtService('lists')]) {
      const run = spawnSync(process.execPath, nodeArgs(file), {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          AUTH_SECRET: '',
          SUBGRAPH_SECRET: '',
          DATABASE_URL: databaseUrl,
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, file).not.toBe(0);
      expect(run.stderr + run.stdout, file).toMatch(
        /(AUTH|SUBGRAPH)_SECRET must be set: NODE_ENV=production/,
      );
    }
  });

  it('refuses to start, in any environment, with one real secret beside a published default', () => {
    const attempts = [
      {
        file: builtService('lists'),
        env: { AUTH_SECRET: 'a-real-secret-of-the-deployment', SUBGRAPH_SECRET: '' },
      },
      {
        file: builtService('gateway'),
        env: {
          SUBGRAPH_SECRET: 'a-real-secret-of-the-deployment',
          AUTH_SECRET: 'dev-only-auth-secret-change-me-in-production',
        },
      },
    ];
    for (const { file, env } of attempts) {
      const run = spawnSync(process.execPath, nodeArgs(file), {
        env: { ...process.env, NODE_ENV: '', DATABASE_URL: databaseUrl, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, file).not.toBe(0);
      expect(run.stderr + run.stdout, file).toMatch(
        /SUBGRAPH_SECRET must be set: other secrets are set for real|AUTH_SECRET is the published development default/,
      );
    }
  });

  it('answers all 20 SubjectProfile requests in flight when the gateway gets SIGTERM', async () => {
    const profiles = demo.subjects
      .slice(0, 20)
      .map((s) =>
        postGraphQL(
          GATEWAY,
          { query: contractOperation('SubjectProfile'), variables: { identifier: s.uscc ?? s.id } },
          jinanSamr,
        ),
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = kill('gateway', 'SIGTERM');
    const responses = await Promise.all(profiles);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      data?: unknown;
      errors?: unknown;
    }[];
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(bodies.filter((b) => b.errors)).toEqual([]);
    expect(await exited).toBe(0);
    await startGatewayProcess();
  });

  it('writes no request variables into any log line while a subgraph is down', async () => {
    await kill('lists', 'SIGKILL');
    onTestFinished(() => startSubgraph('lists').then(() => undefined));
    const idNumber = xiamenDefaulter.idNumber as string;
    const response = await postGraphQL(
      GATEWAY,
      { query: contractOperation('SubjectProfile'), variables: { identifier: idNumber } },
      jinanSamr,
    );
    expect((await response.json()).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const gateway = running.get('gateway');
    await eventually(async () => expect(gateway?.logLines().length).toBeGreaterThan(0));
    const lines = JSON.stringify(gateway?.logLines());
    expect(lines).not.toContain(idNumber);
    expect(lines).not.toContain('"variables"');
  });
});

describe('a read replica (DATABASE_READ_URL)', () => {
  it('takes the reads of queries while mutations, events and jobs write to the primary', async () => {
    const profile = await postGraphQL(
      GATEWAY,
      { query: contractOperation('SubjectProfile'), variables: { identifier: jinanFoodCompany.uscc } },
      jinanSamr,
    );
    expect(((await profile.json()) as { errors?: unknown }).errors).toBeUndefined();
    const registered = await postGraphQL(
      GATEWAY,
      {
        query: contractOperation('RegisterSubject'),
        variables: {
          input: { kind: 'LEGAL_PERSON', name: '只读副本测试企业', uscc: uscc('370100', 930_001) },
        },
      },
      jinanSamr,
    );
    expect(((await registered.json()) as { errors?: unknown }).errors).toBeUndefined();

    const readers = await admin`
      select application_name, query from pg_stat_activity
      where datname = ${name} and usename = ${READER}`;
    for (const service of SUBGRAPHS) {
      const lastQueries = readers.filter((r) => r.application_name === `${service}-read`).map((r) => r.query);
      expect(
        lastQueries.some((query) => new RegExp(`^select .* from "${service}"\\.`).test(query)),
        service,
      ).toBe(true);
    }
  });

  it('sends a mutation to the primary whatever its document starts with', async () => {
    const sign = internalRequestSigner(secret('SUBGRAPH_SECRET'));
    for (const [i, prefix] of ['# a comment first\n', 'fragment S on Subject { id }\n'].entries()) {
      const selection = prefix.startsWith('fragment') ? '...S' : 'id';
      const body = JSON.stringify({
        query: `${prefix}mutation Register($input: RegisterSubjectInput!) { registerSubject(input: $input) { subject { ${selection} } } }`,
        variables: {
          input: { kind: 'LEGAL_PERSON', name: '注释开头测试企业', uscc: uscc('370100', 930_100 + i) },
        },
      });
      const response = await fetch(`${url('lists')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: await sign(jinanSamr, body) },
        body,
      });
      const answer = (await response.json()) as { errors?: unknown; data?: unknown };
      expect(answer.errors, prefix).toBeUndefined();
    }
  });
});

/** A connection of its own: the PostgreSQL test above ended the suite's. */
const store = postgres(databaseUrl, { max: 2, onnotice: () => {} });

/** Sends one write through the gateway and returns its data; any error fails the test. */
async function write<T = Record<string, Record<string, { id: string }>>>(
  operation: string,
  input: Record<string, unknown>,
  caller: Parameters<typeof postGraphQL>[2],
): Promise<T> {
  const response = await postGraphQL(
    GATEWAY,
    { query: contractOperation(operation), variables: { input } },
    caller,
  );
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${operation}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const subject = (id: string) => ({ role: 'SUBJECT' as const, subject: id });

/** Registers a company and brings a Kunming blacklisting of it into force: 4 writes. */
async function kunmingEntryInForce(serial: number) {
  const registered = await write(
    'RegisterSubject',
    { kind: 'LEGAL_PERSON', name: `事件负载测试企业${serial}`, uscc: uscc('530100', 940_000 + serial) },
    kunmingSamr,
  );
  const companyId = registered.registerSubject?.subject?.id as string;
  const proposed = await write('ProposeListing', blackProposal(companyId), kunmingSamr);
  const listingId = proposed.proposeListing?.listing?.id as string;
  await write(
    'ReviewListing',
    { listingId, disclosure: 'PUBLIC', publicityStartsOn: PUBLICITY_STARTS_ON },
    kunmingSamr,
  );
  await write('ApproveListing', { listingId, signedOn: SIGNED_ON }, kunmingSamr);
  return { companyId, listingId };
}

/** Every event in the outboxes has reached each subscriber's inbox: [written, delivered] per route. */
async function deliveryCounts() {
  const [counts] = await store.unsafe<
    {
      lists: number;
      objections: number;
      measuresFromLists: number;
      measuresFromObjections: number;
      listsFromObjections: number;
    }[]
  >(`select
      (select count(*)::int from lists.outbox) as "lists",
      (select count(*)::int from objections.outbox) as "objections",
      (select count(*)::int from measures.inbox where source = 'lists') as "measuresFromLists",
      (select count(*)::int from measures.inbox where source = 'objections') as "measuresFromObjections",
      (select count(*)::int from lists.inbox where source = 'objections') as "listsFromObjections"`);
  if (!counts) throw new Error('no counts');
  return {
    written: counts.lists + 2 * counts.objections,
    delivered: counts.measuresFromLists + counts.measuresFromObjections + counts.listsFromObjections,
    complete:
      counts.measuresFromLists === counts.lists &&
      counts.measuresFromObjections === counts.objections &&
      counts.listsFromObjections === counts.objections,
  };
}

const redeliveries = () =>
  [...running.values()].flatMap((p) => p.logLines()).filter((line) => line.msg === 'event already applied')
    .length;

describe(`events (${natsUrl ? 'NATS JetStream' : 'HTTP relay'})`, () => {
  afterAll(() => store.end());
  it('applies an event once when its subscriber dies between the effect and the acknowledgement', async () => {
    const { listingId } = await kunmingEntryInForce(900);
    const dispatchesOf = () =>
      store.unsafe<{ status: string }[]>(`select status from measures.dispatches where listing_id = $1`, [
        listingId,
      ]);
    await eventually(async () => expect((await dispatchesOf()).length).toBeGreaterThan(0), 30_000);
    await kill('measures', 'SIGTERM');
    const crashing = await startSubgraph('measures', { CRASH_AFTER_EFFECT: 'lists:listing.exited' });
    await write(
      'ExitListing',
      { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' },
      kunmingSamr,
    );
    expect(await crashing.exited).toBe(137);
    // The effect committed before the crash; the event was not acknowledged.
    expect((await dispatchesOf()).every((d) => d.status === 'LIFTED')).toBe(true);
    const before = redeliveries();
    await startSubgraph('measures');
    await eventually(async () => expect(redeliveries()).toBeGreaterThan(before), 30_000);
    const [exitEvent] = await store.unsafe<{ id: number }[]>(
      `select id::int from lists.outbox where topic = 'listing.exited' and payload->>'listingId' = $1`,
      [listingId],
    );
    const inbox = await store.unsafe(
      `select 1 from measures.inbox where source = 'lists' and event_id = $1`,
      [exitEvent?.id ?? 0],
    );
    expect(inbox).toHaveLength(1);
  });

  it('keeps every effect right after 1,000 concurrent writes from 16 clients across lists and objections', async () => {
    const started = await deliveryCounts();
    const redeliveredBefore = redeliveries();
    let writes = 0;
    const entries: { listingId: string; ending: 'REJECTED' | 'EXITED' | 'UPHELD' | 'UNDER_REVIEW' }[] = [];
    const endings = ['REJECTED', 'EXITED', 'UPHELD', 'UNDER_REVIEW'] as const;
    const clients = Array.from({ length: 16 }, async (_, client) => {
      for (let flow = 0; flow < 12; flow++) {
        const serial = client * 12 + flow;
        const { companyId, listingId } = await kunmingEntryInForce(serial);
        const filed = await write(
          'FileObjection',
          { listingId, grounds: '认定事实有误。', evidence: ['复检报告'], filedOn: '2026-04-01' },
          subject(companyId),
        );
        writes += 5;
        const objectionId = filed.fileObjection?.objection?.id as string;
        const ending = endings[serial % 4] as (typeof endings)[number];
        if (ending === 'EXITED')
          await write(
            'ExitListing',
            { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' },
            kunmingSamr,
          );
        if (ending === 'REJECTED' || ending === 'UPHELD')
          await write(
            'DecideObjection',
            { objectionId, decision: ending, reason: '经核查', decidedOn: '2026-11-16' },
            kunmingSamr,
          );
        if (ending !== 'UNDER_REVIEW') writes += 1;
        entries.push({ listingId, ending });
      }
    });
    await Promise.all(clients);
    expect(writes).toBeGreaterThanOrEqual(1_000);

    const ids = entries.map((e) => e.listingId);
    await eventually(async () => expect((await deliveryCounts()).complete).toBe(true), 120_000);
    const rows = await store.unsafe<{ listing_id: string; status: string; suspended: boolean }[]>(
      `select d.listing_id, d.status, exists (select 1 from measures.suspensions s where s.listing_id = d.listing_id) as suspended
         from measures.dispatches d where d.listing_id = any($1)`,
      [ids],
    );
    const byListing = new Map<string, (typeof rows)[number][]>();
    for (const row of rows) byListing.set(row.listing_id, [...(byListing.get(row.listing_id) ?? []), row]);
    const wrong = entries.flatMap(({ listingId, ending }) => {
      const dispatches = byListing.get(listingId) ?? [];
      const expected = { REJECTED: 'PENDING', EXITED: 'LIFTED', UPHELD: 'LIFTED', UNDER_REVIEW: 'SUSPENDED' }[
        ending
      ];
      // A suspension lasts while its objection is under review: also after the entry exited.
      const suspended = ending === 'UNDER_REVIEW' || ending === 'EXITED';
      const right =
        dispatches.length > 0 && dispatches.every((d) => d.status === expected && d.suspended === suspended);
      return right ? [] : [{ listingId, ending, statuses: dispatches.map((d) => d.status) }];
    });
    expect(wrong).toEqual([]);
    const [duplicates] = await store.unsafe<{ n: number }[]>(
      `select count(*)::int as n from (
         select source, event_id from measures.inbox group by 1, 2 having count(*) > 1
         union all select source, event_id from lists.inbox group by 1, 2 having count(*) > 1) d`,
    );
    expect(duplicates?.n).toBe(0);
    const ended = await deliveryCounts();
    console.info(
      `1,000 writes (${natsUrl ? 'JetStream' : 'HTTP relay'}): ${writes} writes from 16 clients, ` +
        `${ended.written - started.written} events written, ${ended.delivered - started.delivered} delivered, ` +
        `${redeliveries() - redeliveredBefore} redeliveries absorbed by the inbox, 0 applied twice, ` +
        `${ended.written - ended.delivered} lost`,
    );
  });

  it.runIf(natsUrl)(
    'delivers every event after NATS is restarted under load, while writes go on',
    async () => {
      const nats = (action: '--start' | '--stop') =>
        execFileSync(
          'start-stop-daemon',
          [
            action,
            '--oknodo',
            ...(action === '--start' ? ['--background'] : ['--retry', '10']),
            '--exec',
            '/usr/sbin/nats-server',
            ...(action === '--start'
              ? [
                  '--',
                  '-a',
                  '127.0.0.1',
                  '-p',
                  '4222',
                  '-js',
                  '-sd',
                  '/var/lib/nats-server',
                  '-l',
                  '/var/log/nats-server.log',
                ]
              : []),
          ],
          { stdio: 'ignore' },
        );
      const entries = await Promise.all(Array.from({ length: 24 }, (_, i) => kunmingEntryInForce(1_000 + i)));
      const exits = entries.map(async ({ listingId }, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 100));
        return write(
          'ExitListing',
          { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' },
          kunmingSamr,
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      nats('--stop');
      try {
        // Writes go on while NATS is down; their events wait in the outbox.
        await Promise.all(exits);
      } finally {
        nats('--start');
      }
      await eventually(async () => {
        const [left] = await store.unsafe<{ n: number }[]>(
          `select count(*)::int as n from measures.dispatches where listing_id = any($1) and status <> 'LIFTED'`,
          [entries.map((e) => e.listingId)],
        );
        expect(left?.n).toBe(0);
        expect((await deliveryCounts()).complete).toBe(true);
      }, 90_000);
    },
  );

  it('counts a caller once across two gateway processes sharing Redis', async () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const replicas = await Promise.all(
      [4105, 4106].map((port) =>
        spawnService(`gateway-${port}`, builtService('gateway'), {
          port,
          env: {
            GATEWAY_PORT: String(port),
            REDIS_URL: redisUrl,
            RATE_LIMIT_PER_MINUTE: '4',
            ...subgraphUrls,
          },
        }),
      ),
    );
    onTestFinished(() => {
      for (const replica of replicas) replica.child.kill('SIGTERM');
    });
    const caller = subject(randomUUID());
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const replica = replicas[i % 2] as (typeof replicas)[number];
      const response = await postGraphQL(
        `${replica.baseUrl}/graphql`,
        { query: contractOperation('Directory') },
        caller,
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
