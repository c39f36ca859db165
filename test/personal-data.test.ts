import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, internalRequestSigner, PURPOSE_HEADER, signToken } from '#common/caller.ts';
import { secret } from '#common/config.ts';
import { redact } from '#common/log.ts';
import { residentId, uscc } from '#demo/dataset.ts';
import type { GatewayLimits } from '../gateway/src/limits.ts';
import { documentHash } from '../schema/contract.ts';
import { residentIdCheckDigit } from '../subgraphs/lists/src/domain/identifiers.ts';
import { xiamenDefaulter } from './demo.ts';
import { approve, blackProposal, creditOffice, jinanSamr, op, PURPOSE, propose } from './flows.ts';
import { contractOperation, postGraphQL, startTestStack, type TestStack, tokenFor } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());
const gatewayWith = (limits: Partial<GatewayLimits>, redisUrl?: string) =>
  stack.gatewayWith(limits, redisUrl);

const person = {
  id: xiamenDefaulter.id,
  name: xiamenDefaulter.name,
  idNumber: xiamenDefaulter.idNumber as string,
};
const court = { role: 'DEPARTMENT' as const, dept: '350200-COURT' };
const analyst = { role: 'ANALYST' as const };

/** Every valid resident ID that the public mask `350202********1021` leaves open: one per birth date. */
function birthDateCandidates(masked: string): string[] {
  const candidates: string[] = [];
  for (let day = Date.UTC(1940, 0, 1); day <= Date.UTC(2008, 0, 1); day += 86_400_000) {
    const birth = new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${masked.slice(0, 6)}${birth}${masked.slice(14, 17)}`;
    if (residentIdCheckDigit(first17) === masked.slice(17)) candidates.push(`${first17}${masked.slice(17)}`);
  }
  return candidates;
}

const maskedOf = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

describe('identifiers of natural persons', () => {
  it('PUBLIC cannot recover an ID number by screening birth-date candidates', async () => {
    const candidates = birthDateCandidates(maskedOf(person.idNumber));
    expect(candidates).toContain(person.idNumber);
    expect(candidates.length).toBeGreaterThan(500);
    const batch = candidates.filter((c) => c !== person.idNumber).slice(0, 998);
    const identifiers = [...batch.slice(0, 500), person.idNumber, ...batch.slice(500)];
    for (const body of [
      { query: contractOperation('ScreenSubjects'), variables: { identifiers } },
      { documentId: documentHash(contractOperation('ScreenSubjects')), variables: { identifiers } },
    ]) {
      const response = await postGraphQL(stack.gateway.url, body);
      const { data, errors } = (await response.json()) as {
        data: { screenSubjects: { subject: unknown; error: string }[] };
        errors?: unknown;
      };
      expect(errors).toBeUndefined();
      const answers = new Set(
        data.screenSubjects.map((r) => JSON.stringify({ ...r, identifier: undefined })),
      );
      expect(answers.size).toBe(1);
      expect(data.screenSubjects[500]).toEqual({
        identifier: person.idNumber,
        subject: null,
        error: 'No registered subject has this identifier.',
      });
    }
    const asCourt = await stack.request(
      contractOperation('ScreenSubjects'),
      { identifiers: [person.idNumber] },
      court,
    );
    expect(asCourt.data.screenSubjects[0].subject).toMatchObject({ id: person.id });
  });

  it('PUBLIC cannot confirm an ID number through the subject lookup or the subject search', async () => {
    const lookup = await stack.request(`query($id: String!) { subject(identifier: $id) { id } }`, {
      id: person.idNumber,
    });
    expect(lookup.data.subject).toBeNull();
    const search = await stack.request(contractOperation('SearchSubjects'), { text: person.idNumber });
    expect(search.data.subjects.totalCount).toBe(0);
    const byName = await stack.request(contractOperation('SearchSubjects'), { text: person.name });
    expect(byName.data.subjects.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(
      person.id,
    );
  });

  it('PUBLIC checks one person by full name and number, and a wrong name answers as an unlisted person', async () => {
    const url = await gatewayWith({ personChecksPerMinute: 3 });
    const check = async (variables: Record<string, string>) => {
      const response = await postGraphQL(url, { query: contractOperation('PersonCheck'), variables });
      return { status: response.status, ...((await response.json()) as Record<string, unknown>) } as {
        status: number;
        data?: { personCheck: { listed: boolean; listings: { listType: string }[] } };
        errors?: { extensions: { code: string } }[];
      };
    };
    const listed = await check({ name: person.name, idNumber: person.idNumber });
    expect(listed.data?.personCheck).toMatchObject({ listed: true, listings: [{ listType: 'BLACK' }] });
    const wrongName = await check({ name: `${person.name}x`, idNumber: person.idNumber });
    const unknown = await check({ name: person.name, idNumber: residentId('350202', '1990-01-01', 999) });
    expect(wrongName.data).toEqual({ personCheck: { listed: false, listings: [] } });
    expect(unknown.data).toEqual(wrongName.data);
    const fourth = await check({ name: person.name, idNumber: person.idNumber });
    expect(fourth.status).toBe(429);
    expect(fourth.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');

    const twoPeople = await stack.request(
      `query($a: String!, $b: String!) { a: personCheck(name: $a, idNumber: $b) { listed } b: personCheck(name: $a, idNumber: $b) { listed } }`,
      { a: person.name, b: person.idNumber },
    );
    expect(twoPeople.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personCheck' });
  });
});

describe('search on what the caller sees', () => {
  it('PUBLIC cannot recover a masked name or ID number by searching case texts', async () => {
    const count = async (text: string, caller?: Parameters<TestStack['request']>[2]) =>
      (await stack.request(contractOperation('CasesPage'), { filter: { text } }, caller)).data.cases
        .totalCount;
    expect(await count(person.name, creditOffice)).toBeGreaterThan(0);
    expect(await count(person.name)).toBe(0);
    const region = person.idNumber.slice(0, 6);
    expect(await count(region)).toBeGreaterThan(0);
    const next = person.idNumber.slice(0, 7);
    const wrong = `${region}${(Number(person.idNumber[6]) + 1) % 10}`;
    expect(await count(next, creditOffice)).toBeGreaterThan(0);
    expect(await count(next)).toBe(await count(wrong));
    expect(await count(next)).toBe(0);
    const { data } = await stack.request(contractOperation('CasesPage'), { filter: { text: region } });
    const summaries = data.cases.edges.map((e: { node: { summary: string } }) => e.node.summary).join();
    expect(summaries).toContain(maskedOf(person.idNumber));
    expect(summaries).not.toContain(person.idNumber);
  });
});

describe('free text', () => {
  it('masks ID numbers and the person’s name in facts for anyone without the right, and registers a full read', async () => {
    const subject = await stack.request(
      op.register,
      {
        input: {
          kind: 'NATURAL_PERSON',
          name: '林美玲',
          idType: 'RESIDENT_ID',
          idNumber: residentId('350202', '1985-06-01', 681),
        },
      },
      jinanSamr,
    );
    const { id, idNumber } = subject.data.registerSubject.subject;
    const spaced = `${idNumber.slice(0, 4)} ${idNumber.slice(4, 8)} ${idNumber.slice(8, 12)} ${idNumber.slice(12)}`;
    const wide = [...idNumber].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const facts = `被执行人林美玲（身份证号${idNumber}），另有记载${spaced}及${wide}。`;
    const listingId = await propose(stack, blackProposal(id, { facts }));
    const review = await stack.request(
      op.review,
      {
        input: {
          listingId,
          disclosure: 'PUBLIC',
          publicityStartsOn: '2026-02-09',
          publicFacts: '林美玲拒不履行生效判决。',
        },
      },
      jinanSamr,
    );
    expect(review.errors).toBeUndefined();
    await approve(stack, listingId);
    const read = `query($id: ID!) { listing(id: $id) { facts history { reason } } }`;
    const asPublic = await stack.request(read, { id: listingId });
    expect(asPublic.data.listing.facts).toBe('林**拒不履行生效判决。');
    for (const caller of [analyst, { role: 'DEPARTMENT' as const, dept: '370100-SAMR' }]) {
      const masked = (await stack.request(read, { id: listingId }, caller)).data.listing.facts as string;
      expect(masked).not.toContain('林美玲');
      expect(masked.replace(/\D/g, '')).not.toContain(idNumber.slice(6, 14));
      expect(masked.normalize('NFKC').replace(/\s/g, '')).not.toContain(idNumber.slice(6, 14));
    }
    const registered = () =>
      stack.rows(
        'lists',
        sql`select source, purpose from lists.personal_data_reads where subject_id = ${id} and source = 'FREE_TEXT'`,
      );
    expect(await registered()).toEqual([]);
    const full = await stack.request(read, { id: listingId }, jinanSamr);
    expect(full.data.listing.facts).toBe(facts);
    expect(await registered()).toContainEqual({ source: 'FREE_TEXT', purpose: PURPOSE });
    const exit = await stack.request(
      op.exit,
      {
        input: {
          listingId,
          reason: 'STANDARD_CHANGED',
          exitedOn: '2026-04-01',
          note: `林美玲（${spaced}）已履行全部义务。`,
        },
      },
      jinanSamr,
    );
    expect(exit.errors).toBeUndefined();
    const note = `query($id: ID!) { listing(id: $id) { exitNote } }`;
    expect((await stack.request(note, { id: listingId })).data.listing.exitNote).toBe(
      `林**（${idNumber.slice(0, 6)}********${idNumber.slice(-4)}）已履行全部义务。`,
    );
  });

  it('masks objection grounds and credit-check purposes that name a person, for callers without a purpose', async () => {
    const idNumber = person.idNumber;
    const check = await stack.request(
      contractOperation('PerformCreditCheck'),
      {
        input: {
          identifier: person.idNumber,
          scenario: 'PUBLIC_EMPLOYMENT',
          checkedOn: '2026-11-20',
          purpose: `核查${person.name}（${idNumber}）招录资格`,
        },
      },
      jinanSamr,
    );
    expect(check.errors).toBeUndefined();
    const checkId = check.data.performCreditCheck.check.id;
    const checks = `query($s: ID!) { creditChecks(filter: { subjectId: $s }) { edges { node { id purpose } } } }`;
    const purposeAs = async (caller: Parameters<TestStack['request']>[2]) => {
      const { data, errors } = await stack.request(checks, { s: person.id }, caller);
      expect(errors).toBeUndefined();
      return data.creditChecks.edges.find((e: { node: { id: string } }) => e.node.id === checkId).node
        .purpose;
    };
    const maskedName = `${person.name[0]}${'*'.repeat(person.name.length - 1)}`;
    expect(await purposeAs(analyst)).toBe(`核查${maskedName}（${maskedOf(idNumber)}）招录资格`);
    expect(await purposeAs({ ...creditOffice, purpose: undefined })).toBe(await purposeAs(analyst));
    expect(await purposeAs(creditOffice)).toContain(idNumber);
  });
});

describe('the register of personal-data reads', () => {
  const profileOf = (caller: Parameters<typeof postGraphQL>[2], body: Record<string, unknown>) =>
    postGraphQL(stack.gateway.url, body, caller).then((r) => r.json());
  const lastRead = async () => {
    const [row] = await stack.rows(
      'lists',
      sql`select operation, document, purpose, source from lists.personal_data_reads where subject_id = ${person.id} order by id desc limit 1`,
    );
    return row;
  };

  it('records what ran, not the name the client gave it, and the stated purpose', async () => {
    const query = `query HealthCheck($id: String!) { subject(identifier: $id) { name idNumber } }`;
    await profileOf({ ...court, purpose: '执行财产调查' }, { query, variables: { id: person.id } });
    expect(await lastRead()).toEqual({
      operation: 'HealthCheck',
      document: `sha256:${createHash('sha256').update(query).digest('hex')}`,
      purpose: '执行财产调查',
      source: 'RECORD',
    });
    await profileOf(
      { ...court, purpose: '执行财产调查' },
      { documentId: documentHash(contractOperation('SubjectProfile')), variables: { identifier: person.id } },
    );
    expect(await lastRead()).toMatchObject({
      document: `trusted:${documentHash(contractOperation('SubjectProfile'))}`,
      operation: 'SubjectProfile',
    });
  });

  it('answers each caller its own when identical requests arrive together, and registers every read', async () => {
    const query = `query Person($id: String!) { subject(identifier: $id) { name idNumber } }`;
    const reads = async () =>
      (
        await stack.rows(
          'lists',
          sql`select count(*)::int as n from lists.personal_data_reads where subject_id = ${person.id} and source = 'RECORD'`,
        )
      )[0]?.n as number;
    const before = await reads();
    const department = { ...court, purpose: '执行财产调查' };
    const callers = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? analyst : department));
    const answers = await Promise.all(
      callers.map((caller) => stack.request(query, { id: person.id }, caller)),
    );
    answers.forEach((answer, i) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.subject.idNumber).toBe(
        callers[i] === department ? person.idNumber : maskedOf(person.idNumber),
      );
    });
    expect((await reads()) - before).toBe(callers.filter((c) => c === department).length);
  });

  it('registers a department reading a case text that names a person, and masks it without a purpose', async () => {
    const text = `query($id: String!) { subject(identifier: $id) { cases { summary } } }`;
    const before = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.personal_data_reads where subject_id = ${person.id} and source = 'FREE_TEXT'`,
    );
    const masked = await stack.request(text, { id: person.id }, court);
    expect(masked.data.subject.cases[0].summary).toContain(maskedOf(person.idNumber));
    const full = await stack.request(text, { id: person.id }, { ...court, purpose: '案例核对' });
    expect(full.data.subject.cases[0].summary).toContain(person.idNumber);
    const after = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.personal_data_reads where subject_id = ${person.id} and source = 'FREE_TEXT'`,
    );
    expect((after[0]?.n as number) - (before[0]?.n as number)).toBe(1);
  });

  it('refuses a purpose that is not percent-encoded text', async () => {
    const response = await postGraphQL(stack.gateway.url, { query: '{ jurisdictions { code } }' }, court, {
      [PURPOSE_HEADER]: '%E0%A4%A',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the caller header between gateway and subgraphs', () => {
  const body = (query: string) => JSON.stringify({ query });
  const send = (header: string, payload: string) =>
    fetch(stack.subgraphs.lists.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: header },
      body: payload,
    });

  it('opens only the request it was signed for, once, and not after it expires', async () => {
    const sign = internalRequestSigner(secret('SUBGRAPH_SECRET'));
    const read = body('{ jurisdictions { code } }');
    const header = await sign(creditOffice, read);
    expect((await send(header, read)).status).toBe(200);
    expect((await send(header, read)).status).toBe(401);
    const another = await sign(creditOffice, read);
    expect((await send(another, body('{ personalDataReads { totalCount } }'))).status).toBe(401);
    const expired = await signToken(creditOffice, secret('SUBGRAPH_SECRET'), {
      expiresIn: '-1s',
      audience: 'joint-credit-subgraphs',
    });
    expect((await send(expired, read)).status).toBe(401);
  });
});

describe('tokens', () => {
  const refused = async (token: string) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ jurisdictions { code } }' }),
    });
    return { status: response.status, code: (await response.json()).errors?.[0]?.extensions?.code };
  };

  it('refuses a token without exp, without role, with an unknown department or living too long', async () => {
    const authSecret = secret('AUTH_SECRET');
    const unauthenticated = { status: 401, code: 'UNAUTHENTICATED' };
    expect(await refused(await signToken(creditOffice, authSecret))).toEqual(unauthenticated);
    expect(
      await refused(await signToken({ dept: '370100-SAMR' } as never, authSecret, { expiresIn: '1h' })),
    ).toEqual(unauthenticated);
    expect(
      await refused(
        await signToken({ role: 'DEPARTMENT', dept: '999999-NOWHERE' }, authSecret, { expiresIn: '1h' }),
      ),
    ).toEqual(unauthenticated);
    expect(await refused(await signToken(jinanSamr, authSecret, { expiresIn: '30d' }))).toEqual(
      unauthenticated,
    );
    expect((await refused(await tokenFor(jinanSamr))).status).toBe(200);
  });
});

describe('requests that would starve the others', () => {
  it('refuses 15 aliases of a 1,000-identifier screening as too costly before any subgraph runs', async () => {
    const identifiers = Array.from({ length: 1_000 }, (_, i) => uscc('370100', 900_000 + i));
    const aliases = Array.from(
      { length: 15 },
      (_, i) =>
        `s${i}: screenSubjects(identifiers: $ids) { subject { listings { applicableMeasures { measure { code } } } cases { id } } }`,
    ).join(' ');
    const before = stack.statements();
    const { data, errors } = await stack.request(
      `query($ids: [String!]!) { ${aliases} }`,
      { ids: identifiers },
      jinanSamr,
    );
    expect(errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(data ?? null).toBeNull();
    expect(stack.statements() - before).toBe(0);
  });

  it('answers a list of 60,000 statuses as the statuses it names, instead of passing 60,000 to the database', async () => {
    const statuses = Array.from({ length: 60_000 }, (_, i) => (i % 2 ? 'EFFECTIVE' : 'EXITED'));
    const many = await stack.request(contractOperation('ListingsPage'), { filter: { statuses } }, jinanSamr);
    expect(many.errors).toBeUndefined();
    const two = await stack.request(
      contractOperation('ListingsPage'),
      { filter: { statuses: ['EXITED', 'EFFECTIVE'] } },
      jinanSamr,
    );
    expect(many.data.listings.totalCount).toBe(two.data.listings.totalCount);
    const identifiers = Array.from({ length: 60_000 }, (_, i) => `x${i}`);
    const { errors } = await stack.request(
      'query($ids: [String!]!) { screenSubjects(identifiers: $ids) { identifier } }',
      { ids: identifiers },
      jinanSamr,
    );
    expect(errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });
});

describe('small holes', () => {
  it('answers a NUL byte in a search text, an identifier or a case text with BAD_USER_INPUT naming the field', async () => {
    const cases = [
      { query: contractOperation('SearchSubjects'), variables: { text: '济南\u0000' }, field: 'search' },
      {
        query: contractOperation('ScreenSubjects'),
        variables: { identifiers: ['9137\u0000'] },
        field: 'identifiers',
      },
      { query: contractOperation('CasesPage'), variables: { filter: { text: 'a\u0000b' } }, field: 'text' },
      {
        query: contractOperation('ReportCase'),
        variables: {
          input: {
            title: 't\u0000',
            kind: 'PUNISHMENT',
            domain: 'TAX',
            summary: 's',
            subjectIds: [person.id],
          },
        },
        field: 'title',
      },
    ];
    for (const { query, variables, field } of cases) {
      const { errors } = await stack.request(query, variables, jinanSamr);
      expect(errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const purpose = await postGraphQL(stack.gateway.url, { query: '{ jurisdictions { code } }' }, court, {
      [PURPOSE_HEADER]: encodeURIComponent('核查\u0000'),
    });
    expect(purpose.status).toBe(400);
  });

  it('lets only configured origins call from a browser, and refuses form posts', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const open = await preflight(stack.gateway.url, 'https://evil.example');
    expect(open.headers.get('access-control-allow-origin')).toBeNull();
    expect(open.headers.get('access-control-allow-credentials')).toBeNull();
    const url = await gatewayWith({ corsOrigins: ['https://portal.example'] });
    expect((await preflight(url, 'https://portal.example')).headers.get('access-control-allow-origin')).toBe(
      'https://portal.example',
    );
    expect(
      (await preflight(url, 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const form = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(415);
  });

  it('writes no request variables and no ID number into a log line', () => {
    const line = redact({
      msg: `failed for ${person.idNumber}`,
      variables: { identifier: person.idNumber },
      request: { body: JSON.stringify({ variables: { id: person.idNumber } }), path: '/graphql' },
      err: new Error(`subject ${person.idNumber} unavailable`),
    });
    expect(JSON.stringify(line)).not.toContain(person.idNumber);
    expect(JSON.stringify(line)).not.toContain('variables');
  });
});
