import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina, workingDaysAfter } from '#common/calendar.ts';
import { residentId, uscc } from '#demo/dataset.ts';
import { recordExpiryNotices } from '../subgraphs/lists/src/db/commands.ts';
import type { ListsDb } from '../subgraphs/lists/src/db/store.ts';
import { demo, expiredRedCompany, jinanFoodCompany, xiamenDefaulter, xiamenRedCompany } from './demo.ts';
import {
  approve,
  blackProposal,
  creditOffice,
  effectiveEntry as effectiveBlackEntry,
  jinanSamr,
  op,
  propose,
  registerCompany,
  review,
  SIGNED_ON,
} from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const jinanTax = { role: 'DEPARTMENT' as const, dept: '370100-TAX' };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const newCompany = () => registerCompany(stack);
const black = blackProposal;
const effectiveEntry = (subjectId: string, proposal?: Record<string, unknown>) =>
  effectiveBlackEntry(stack, subjectId, proposal);

describe('registering subjects', () => {
  it('stores identifiers normalised and refuses a second registration, pointing at the first', async () => {
    const code = uscc('370100', 400_001);
    const fullWidth = code
      .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      .toLowerCase();
    const first = await stack.request(
      op.register,
      { input: { kind: 'LEGAL_PERSON', name: '  济南新登记 有限公司 ', uscc: ` ${fullWidth} ` } },
      jinanSamr,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.registerSubject.subject).toMatchObject({ uscc: code, name: '济南新登记 有限公司' });

    const again = await stack.request(
      op.register,
      { input: { kind: 'LEGAL_PERSON', name: '另一个名字', uscc: code } },
      jinanSamr,
    );
    expect(again.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT', existingSubjectId: first.data.registerSubject.subject.id },
    });
  });

  it('names the field and the expected check character of a mistyped USCC, and stores nothing', async () => {
    const code = uscc('370100', 400_002);
    const typo = `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`;
    const { errors, data } = await stack.request(
      op.register,
      { input: { kind: 'LEGAL_PERSON', name: '错码企业', uscc: typo } },
      jinanSamr,
    );
    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'uscc' },
      message: expect.stringContaining(`expected ${code.at(-1)}`),
    });
    const search = await stack.request(contractOperation('SearchSubjects'), { text: '错码企业' }, jinanSamr);
    expect(search.data.subjects.totalCount).toBe(0);
  });

  it('registers a natural person with a resident ID and refuses an impossible birth date', async () => {
    const ok = await stack.request(
      op.register,
      {
        input: {
          kind: 'NATURAL_PERSON',
          name: '赵测试',
          idType: 'RESIDENT_ID',
          idNumber: residentId('370100', '1988-08-08', 901),
        },
      },
      jinanSamr,
    );
    expect(ok.errors).toBeUndefined();
    const bad = await stack.request(
      op.register,
      {
        input: {
          kind: 'NATURAL_PERSON',
          name: '钱测试',
          idType: 'RESIDENT_ID',
          idNumber: '370102198802300011',
        },
      },
      jinanSamr,
    );
    expect(bad.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.idNumber' },
    });
  });

  it('is refused to the public', async () => {
    const { errors } = await stack.request(op.register, {
      input: { kind: 'LEGAL_PERSON', name: 'x', uscc: uscc('370100', 400_003) },
    });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the lifecycle of a list entry', () => {
  it('goes from draft through 20 working days of publicity across the Spring Festival to effective and exit', async () => {
    const company = await newCompany();
    const proposed = await stack.request(op.propose, { input: black(company.id) }, jinanSamr);
    expect(proposed.data.proposeListing.listing).toMatchObject({ status: 'DRAFT', listType: 'BLACK' });
    const id = proposed.data.proposeListing.listing.id;

    const reviewed = await stack.request(
      op.review,
      { input: { listingId: id, disclosure: 'PUBLIC', publicityStartsOn: '2026-02-09' } },
      jinanSamr,
    );
    expect(reviewed.data.reviewListing.listing).toMatchObject({
      status: 'PUBLICITY',
      publicityStartsOn: '2026-02-09',
      publicityEndsOn: '2026-03-12',
    });

    const early = await stack.request(
      op.approve,
      { input: { listingId: id, signedOn: '2026-03-12' } },
      jinanSamr,
    );
    expect(early.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'Publicity runs until 2026-03-12; the entry can be signed from 2026-03-13.',
    });

    const approved = await stack.request(
      op.approve,
      { input: { listingId: id, signedOn: '2026-03-13' } },
      jinanSamr,
    );
    expect(approved.data.approveListing.listing).toMatchObject({
      status: 'EFFECTIVE',
      validFrom: '2026-03-13',
      validUntil: '2029-02-04',
    });

    const exited = await stack.request(
      op.exit,
      { input: { listingId: id, reason: 'STANDARD_CHANGED', exitedOn: '2026-09-01' } },
      jinanSamr,
    );
    expect(exited.data.exitListing.listing).toMatchObject({
      status: 'EXITED',
      exitReason: 'STANDARD_CHANGED',
      exitedOn: '2026-09-01',
    });

    const history = await stack.request(
      `query($id: String!) { subject(identifier: $id) { listings { history { status on by } deadlines { kind dueOn } } } }`,
      { id: company.id },
      jinanSamr,
    );
    const [listing] = history.data.subject.listings;
    expect(listing.history).toEqual([
      { status: 'DRAFT', on: '2026-02-05', by: '370100-SAMR' },
      { status: 'PUBLICITY', on: '2026-02-09', by: '370100-SAMR' },
      { status: 'EFFECTIVE', on: '2026-03-13', by: '370100-SAMR' },
      { status: 'EXITED', on: '2026-09-01', by: '370100-SAMR' },
    ]);
    expect(listing.deadlines).toEqual([
      // 7 working days from the signature of 2026-03-13 (002 §10, §26).
      { kind: 'PUSH_TO_PLATFORM', dueOn: '2026-03-24' },
      { kind: 'ANNOUNCE_EXIT', dueOn: '2026-09-04' },
    ]);
  });

  it('lets only the initiating department or the credit office of its jurisdiction move an entry', async () => {
    const company = await newCompany();
    const proposed = await stack.request(op.propose, { input: black(company.id) }, jinanSamr);
    const id = proposed.data.proposeListing.listing.id;
    const review = { input: { listingId: id, disclosure: 'PUBLIC', publicityStartsOn: '2026-02-09' } };
    const other = await stack.request(op.review, review, jinanTax);
    expect(other.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('370100-SAMR'),
    });
    const office = await stack.request(op.review, review, creditOffice);
    expect(office.errors).toBeUndefined();
  });

  it('refuses an illegal transition with CONFLICT naming the current state, and changes nothing', async () => {
    const company = await newCompany();
    const id = await effectiveEntry(company.id);
    const again = await stack.request(
      op.review,
      { input: { listingId: id, disclosure: 'NON_PUBLIC', publicityStartsOn: '2026-04-01' } },
      jinanSamr,
    );
    expect(again.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT', currentStatus: 'EFFECTIVE' },
      message: 'The entry is EFFECTIVE; only DRAFT entries can be reviewed.',
    });
    const profile = await stack.request(op.profile, { identifier: company.uscc }, jinanSamr);
    expect(profile.data.subject.listings[0]).toMatchObject({ status: 'EFFECTIVE', disclosure: 'PUBLIC' });
  });

  it('refuses to red-list a blacklisted subject', async () => {
    const { errors } = await stack.request(
      op.propose,
      { input: { ...black(jinanFoodCompany.id), listType: 'RED', category: null, domain: 'TAX' } },
      jinanTax,
    );
    expect(errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('BLACK entry'),
    });
  });

  it('exits a subject’s red entries when its blacklisting takes effect, in the same transaction', async () => {
    const before = await stack.request(op.profile, { identifier: xiamenRedCompany.uscc }, jinanSamr);
    expect(before.data.subject.creditStatus).toBe('RED_LISTED');
    await effectiveEntry(xiamenRedCompany.id);
    const after = await stack.request(
      `query($id: String!) { subject(identifier: $id) { creditStatus listings { listType status exitReason exitedOn } } }`,
      { id: xiamenRedCompany.id },
      jinanSamr,
    );
    expect(after.data.subject.creditStatus).toBe('BLACKLISTED');
    const redStart = demo.listings.find((l) => l.subjectId === xiamenRedCompany.id)?.validFrom;
    expect(after.data.subject.listings).toContainEqual({
      listType: 'RED',
      status: 'EXITED',
      exitReason: 'LISTED_ELSEWHERE',
      exitedOn: redStart,
    });
  });

  it('withdraws red entries in publicity when a blacklisting takes effect, and signs no red entry beside a black one', async () => {
    const company = await newCompany();
    const redProposal = {
      ...black(company.id),
      listType: 'RED',
      category: null,
      severity: null,
      domain: 'TAX',
    };
    const red = await propose(stack, redProposal, jinanTax);
    await review(stack, red, 'PUBLIC', jinanTax);
    const blackId = await propose(stack, black(company.id));
    await review(stack, blackId);
    const signedBeside = await stack.request(
      op.approve,
      { input: { listingId: red, signedOn: SIGNED_ON } },
      jinanTax,
    );
    expect(signedBeside.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await approve(stack, blackId);
    const { data } = await stack.request(
      `query($id: ID!) { listing(id: $id) { status } }`,
      { id: red },
      jinanTax,
    );
    expect(data.listing.status).toBe('WITHDRAWN');
  });

  it('asks a blacklisting for its severity and remedy, a person’s for the prior notice, and a signature for a past date', async () => {
    const company = await newCompany();
    const fieldOf = async (input: Record<string, unknown>) =>
      (await stack.request(op.propose, { input }, jinanSamr)).errors?.[0]?.extensions;
    expect(await fieldOf({ ...black(company.id), severity: null })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'severity',
    });
    expect(await fieldOf({ ...black(company.id), remedy: null })).toMatchObject({ field: 'remedy' });
    const person = await stack.request(
      op.register,
      {
        input: {
          kind: 'NATURAL_PERSON',
          name: '事前告知测试人',
          idType: 'RESIDENT_ID',
          idNumber: residentId('370100', '1979-01-02', 713),
        },
      },
      jinanSamr,
    );
    const personId = person.data.registerSubject.subject.id;
    expect(await fieldOf({ ...black(personId), priorNoticeOn: null })).toMatchObject({
      field: 'priorNoticeOn',
    });
    expect(await fieldOf({ ...black(personId), priorNoticeOn: '2026-02-06' })).toMatchObject({
      field: 'priorNoticeOn',
    });
    const listingId = await propose(stack, black(company.id));
    await review(stack, listingId);
    const future = await stack.request(
      op.approve,
      { input: { listingId, signedOn: addDays(todayInChina(), 1) } },
      jinanSamr,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signedOn' });
  });

  it('opens a monitored entry when a blacklisted subject leaves by credit repair', async () => {
    const company = await newCompany();
    const id = await effectiveEntry(company.id);
    const exited = await stack.request(
      op.exit,
      { input: { listingId: id, reason: 'CREDIT_REPAIRED', exitedOn: '2026-07-01' } },
      jinanSamr,
    );
    expect(exited.errors).toBeUndefined();
    const after = await stack.request(
      `query($id: String!) { subject(identifier: $id) { creditStatus(asOf: "2026-08-01") listings(statuses: [EFFECTIVE]) { listType validFrom validUntil } } }`,
      { id: company.id },
      jinanSamr,
    );
    expect(after.data.subject).toEqual({
      creditStatus: 'MONITORED',
      listings: [{ listType: 'MONITORED', validFrom: '2026-07-01', validUntil: '2027-07-01' }],
    });
  });

  it('refuses an exit reason that does not fit the list type', async () => {
    const company = await newCompany();
    const id = await effectiveEntry(company.id);
    const { errors } = await stack.request(
      op.exit,
      { input: { listingId: id, reason: 'INCENTIVE_ABUSED', exitedOn: '2026-07-01' } },
      jinanSamr,
    );
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
  });

  it('keeps a non-public entry in NOTICE and away from the public', async () => {
    const company = await newCompany();
    const proposed = await stack.request(op.propose, { input: black(company.id) }, jinanSamr);
    const id = proposed.data.proposeListing.listing.id;
    const reviewed = await stack.request(
      op.review,
      { input: { listingId: id, disclosure: 'NON_PUBLIC', publicityStartsOn: '2026-02-09' } },
      jinanSamr,
    );
    expect(reviewed.data.reviewListing.listing).toMatchObject({ status: 'NOTICE', publicityEndsOn: null });
    await stack.request(op.approve, { input: { listingId: id, signedOn: '2026-02-10' } }, jinanSamr);
    const asPublic = await stack.request(op.profile, { identifier: company.uscc });
    expect(asPublic.data.subject).toMatchObject({ creditStatus: 'CLEAR', listings: [] });
  });

  it('refuses a BLACK proposal without its category, naming the field', async () => {
    const company = await newCompany();
    const { errors } = await stack.request(
      op.propose,
      { input: black(company.id, { category: null }) },
      jinanSamr,
    );
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'category' } });
  });
});

describe('finding subjects', () => {
  it('finds by identifier first, then by a part of the name, with a total and pages', async () => {
    const SearchSubjects = contractOperation('SearchSubjects');
    const byCode = await stack.request(SearchSubjects, { text: jinanFoodCompany.uscc });
    expect(byCode.data.subjects.edges[0].node).toMatchObject({
      id: jinanFoodCompany.id,
      creditStatus: 'BLACKLISTED',
    });

    const first = await stack.request(SearchSubjects, { text: '恒通', first: 5 });
    expect(first.data.subjects.totalCount).toBeGreaterThan(5);
    expect(first.data.subjects.edges).toHaveLength(5);
    for (const edge of first.data.subjects.edges) expect(edge.node.name).toContain('恒通');
    expect(first.data.subjects.pageInfo.hasNextPage).toBe(true);

    const second = await stack.request(SearchSubjects, {
      text: '恒通',
      first: 5,
      after: first.data.subjects.pageInfo.endCursor,
    });
    const ids = (page: typeof first) =>
      page.data.subjects.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids(second).some((id: string) => ids(first).includes(id))).toBe(false);
  });

  it('ranks a close misspelling of a name among the matches', async () => {
    const { data } = await stack.request(contractOperation('SearchSubjects'), { text: '济南恒通食品有限司' });
    expect(data.subjects.edges[0].node.name).toBe(jinanFoodCompany.name);
  });

  it('refuses a page larger than 100', async () => {
    const { errors } = await stack.request(contractOperation('SearchSubjects'), {
      text: '恒通',
      first: 1000,
    });
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('screens 1,000 identifiers in one request, in order, with an error on each bad one only', async () => {
    const organisations = demo.subjects.filter((s) => s.uscc).map((s) => s.uscc as string);
    const known = Array.from({ length: 997 }, (_, i) => organisations[i % organisations.length] as string);
    const identifiers = [...known, 'NOT-AN-ID', uscc('370100', 777_777), `${known[0]?.slice(0, 17)}Y`];
    const { data, errors } = await stack.request(contractOperation('ScreenSubjects'), { identifiers });
    expect(errors).toBeUndefined();
    const results = data.screenSubjects;
    expect(results).toHaveLength(1000);
    expect(results.map((r: { identifier: string }) => r.identifier)).toEqual(identifiers);
    expect(
      results.slice(0, 997).every((r: { subject: unknown; error: unknown }) => r.subject && !r.error),
    ).toBe(true);
    expect(results[0].subject.creditStatus).toBe('BLACKLISTED');
    expect(results[998]).toMatchObject({
      subject: null,
      error: 'No registered subject has this identifier.',
    });
    expect(results[999]).toMatchObject({
      subject: null,
      error: expect.stringContaining('Malformed identifier'),
    });
  });
});

describe('the listings page', () => {
  it('filters by list type and status, pages, and shows the public only public effective entries', async () => {
    const ListingsPage = contractOperation('ListingsPage');
    const filter = { listTypes: ['BLACK'], statuses: ['EFFECTIVE'] };
    const asCourt = await stack.request(
      ListingsPage,
      { filter, first: 3 },
      { role: 'DEPARTMENT', dept: '420105-COURT' },
    );
    expect(asCourt.errors).toBeUndefined();
    const page = asCourt.data.listings;
    expect(page.edges).toHaveLength(3);
    for (const edge of page.edges)
      expect(edge.node).toMatchObject({ listType: 'BLACK', status: 'EFFECTIVE' });

    const asPublic = await stack.request(ListingsPage, { filter, first: 100 });
    expect(asPublic.data.listings.totalCount).toBeLessThan(page.totalCount);
  });
});

describe('the platform’s own records', () => {
  it('writes down an expiry the dates already show, as the platform, the day after validUntil', async () => {
    const { data } = await stack.request(
      `query($id: String!) { subject(identifier: $id) { listings { status exitReason exitedOn history { status on reason by } } } }`,
      { id: expiredRedCompany.id },
      { role: 'CREDIT_OFFICE' },
    );
    const [listing] = data.subject.listings;
    expect(listing).toMatchObject({ status: 'EXITED', exitReason: 'EXPIRED', exitedOn: '2026-07-01' });
    expect(listing.history.at(-1)).toEqual({
      status: 'EXITED',
      on: '2026-07-01',
      reason: 'EXPIRED',
      by: 'PLATFORM',
    });
  });

  it('reports once, 7 working days ahead, an expiry to the initiating and the implementing departments', async () => {
    const today = todayInChina();
    const expiresOn = addDays(today, 5);
    const soon = await effectiveEntry((await newCompany()).id, { validUntil: expiresOn });
    const later = await effectiveEntry((await newCompany()).id, { validUntil: workingDaysAfter(today, 8) });
    const runExpiryJob = () => recordExpiryNotices(stack.subgraphs.lists.database.db as ListsDb, today);
    expect(await runExpiryJob()).toBeGreaterThanOrEqual(1);
    expect(await runExpiryJob()).toBe(0);

    const entry = `query($id: ID!) { listing(id: $id) { expiryNotice { expiresOn dueOn noticedOn } } }`;
    const reported = await stack.request(entry, { id: soon }, jinanSamr);
    expect(reported.data.listing.expiryNotice).toEqual({
      expiresOn,
      dueOn: workingDaysAfter(expiresOn, -7),
      noticedOn: today,
    });
    const notYet = await stack.request(entry, { id: later }, jinanSamr);
    expect(notYet.data.listing.expiryNotice).toBeNull();

    const toReport = await stack.request(
      contractOperation('ListingsPage'),
      { filter: { expiresBy: addDays(today, 7), departmentCode: jinanSamr.dept }, first: 100 },
      jinanSamr,
    );
    const ids = toReport.data.listings.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toContain(soon);
    expect(ids).not.toContain(later);

    const inbox = `query($id: ID!) { dispatches(filter: { listingId: $id }) { edges { node { notice } } } }`;
    await eventually(async () => {
      const { data } = await stack.request(inbox, { id: soon }, creditOffice);
      expect(data.dispatches.edges.length).toBeGreaterThan(0);
      for (const { node } of data.dispatches.edges)
        expect(node.notice).toBe(
          `The entry expires on ${expiresOn}: stop applying its measures from ${addDays(expiresOn, 1)} (002 §12).`,
        );
    });
    const events = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.outbox where topic = 'listing.expiring' and payload->>'listingId' = ${soon}`,
    );
    expect(events).toEqual([{ n: 1 }]);
  });

  it('shows the credit office, and nobody else, who read a natural person’s record', async () => {
    const court = { role: 'DEPARTMENT' as const, dept: '420105-COURT', purpose: '执行案件财产调查' };
    await stack.request(op.profile, { identifier: xiamenDefaulter.idNumber }, court);
    const query = `query($id: ID) { personalDataReads(subjectId: $id) { totalCount edges { node { readerRole readerDepartment purpose operation subject { id } } } } }`;
    const asOffice = await stack.request(query, { id: xiamenDefaulter.id }, { role: 'CREDIT_OFFICE' });
    expect(asOffice.errors).toBeUndefined();
    expect(asOffice.data.personalDataReads.edges).toContainEqual({
      node: {
        readerRole: 'DEPARTMENT',
        readerDepartment: '420105-COURT',
        purpose: '执行案件财产调查',
        operation: 'SubjectProfile',
        subject: { id: xiamenDefaulter.id },
      },
    });
    const asCourt = await stack.request(query, { id: xiamenDefaulter.id }, court);
    expect(asCourt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
