import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { jurisdictionOf } from '#common/access.ts';
import { CALLER_HEADER, internalRequestSigner } from '#common/caller.ts';
import { SUBGRAPHS, type SubgraphName, secret } from '#common/config.ts';
import { EVENTS_PATH } from '#common/events.ts';
import { uscc } from '#demo/dataset.ts';
import { buildServices, builtService } from '../../scripts/build.ts';
import { nodeArgs, type ServiceProcess, spawnService } from '../../scripts/processes.ts';
import { MODULES } from '../../scripts/stack.ts';
import { demo, jinanFoodCompany, xiamenDefaulter } from '../demo.ts';
import { creditOffice, jinanSamr } from '../flows.ts';
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

function startSubgraph(service: SubgraphName) {
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
      ...subgraphUrls,
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
  // One at a time: each creates its schema and seeds the demo data on first start.
  for (const service of SUBGRAPHS) await startSubgraph(service);
  await startGatewayProcess();
}, 180_000);

afterAll(async () => {
  for (const process of running.values()) process.child.kill('SIGKILL');
  await db.end();
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
