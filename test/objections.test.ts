import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#common/caller.ts';
import { residentId, uscc } from '#demo/dataset.ts';
import {
  approve,
  blackProposal,
  creditOffice,
  effectiveEntry,
  jinanSamr,
  kunmingSamr,
  op,
  propose,
  registerCompany,
  review,
  SIGNED_ON,
} from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const FileObjection = contractOperation('FileObjection');
const DecideObjection = contractOperation('DecideObjection');
const ApplyForRepair = contractOperation('ApplyForRepair');
const DecideRepair = contractOperation('DecideRepair');
const subjectCaller = (id: string) => ({ role: 'SUBJECT' as const, subject: id });

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

async function entryInPublicity(name: string) {
  const company = await registerCompany(stack, name);
  const listingId = await propose(stack, blackProposal(company.id));
  await review(stack, listingId);
  return { company, listingId };
}

async function fileObjection(subjectId: string, listingId: string, filedOn: string) {
  const { data, errors } = await stack.request(
    FileObjection,
    {
      input: {
        listingId,
        grounds: '认定事实有误，相关产品已召回并经复检合格。',
        evidence: ['复检报告'],
        filedOn,
      },
    },
    subjectCaller(subjectId),
  );
  expect(errors).toBeUndefined();
  return data.fileObjection.objection.id as string;
}

/** A Jinan company with a legal representative registered as a natural person: both ids. */
async function organisationWithRepresentative(name: string, serial: number, bornOn: string) {
  const { data, errors } = await stack.request(
    `mutation($input: RegisterSubjectInput!) { registerSubject(input: $input) { subject { id legalRepresentative { id } } } }`,
    {
      input: {
        kind: 'LEGAL_PERSON',
        name,
        uscc: uscc('370100', serial),
        legalRepresentative: {
          name: `${name}代表人`,
          idType: 'RESIDENT_ID',
          idNumber: residentId('370100', bornOn, 714),
        },
      },
    },
    jinanSamr,
  );
  expect(errors).toBeUndefined();
  const { subject } = data.registerSubject;
  return { org: subject.id as string, personId: subject.legalRepresentative.id as string };
}

const decide = (objectionId: string, decision: 'UPHELD' | 'REJECTED', by: Caller = jinanSamr) =>
  stack.request(
    DecideObjection,
    { input: { objectionId, decision, reason: '经核查', decidedOn: '2026-11-16' } },
    by,
  );

const entryStatus = async (listingId: string) => {
  const { data } = await stack.request(
    `query($id: ID!) { listing(id: $id) { status exitReason exitedOn subject { creditStatus } } }`,
    { id: listingId },
    creditOffice,
  );
  return data.listing;
};

const dispatchesOf = (listingId: string) =>
  stack.rows(
    'measures',
    sql`select status, notice from measures.dispatches where listing_id = ${listingId} order by measure_code`,
  );

describe('objections during publicity', () => {
  it('may be filed by anyone in publicity, and after it only by the subject and those who answer for it', async () => {
    const { listingId } = await entryInPublicity('第三方异议测试企业');
    const neighbour = await registerCompany(stack, '第三方异议人企业');
    const grounds = { listingId, grounds: '该企业已整改，公示信息与事实不符。', evidence: ['现场照片'] };
    const inPublicity = await stack.request(
      FileObjection,
      { input: { ...grounds, filedOn: '2026-02-20' } },
      subjectCaller(neighbour.id),
    );
    expect(inPublicity.errors).toBeUndefined();
    expect(inPublicity.data.fileObjection.objection).toMatchObject({
      status: 'UNDER_REVIEW',
      listing: { id: listingId },
    });

    const { org, personId } = await organisationWithRepresentative(
      '法定代表人异议测试企业',
      720_001,
      '1975-07-08',
    );
    const inForce = await effectiveEntry(stack, org);
    const byStranger = await stack.request(
      FileObjection,
      { input: { ...grounds, listingId: inForce, filedOn: '2026-04-01' } },
      subjectCaller(neighbour.id),
    );
    expect(byStranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byRepresentative = await stack.request(
      FileObjection,
      { input: { ...grounds, listingId: inForce, filedOn: '2026-04-01' } },
      subjectCaller(personId),
    );
    expect(byRepresentative.errors).toBeUndefined();
  });

  it('shows a non-public entry to the person who answers for it, who may then object to it', async () => {
    const { org, personId } = await organisationWithRepresentative(
      '不公开信息代表人测试企业',
      720_002,
      '1978-03-04',
    );
    const stranger = await registerCompany(stack, '不公开信息旁人企业');
    const listingId = await propose(stack, blackProposal(org));
    await review(stack, listingId, 'NON_PUBLIC');
    await approve(stack, listingId);

    const Entry = `query($id: ID!) { listing(id: $id) { id status } }`;
    const seen = await stack.request(Entry, { id: listingId }, subjectCaller(personId));
    expect(seen.data.listing).toEqual({ id: listingId, status: 'EFFECTIVE' });
    expect(
      (await stack.request(Entry, { id: listingId }, subjectCaller(stranger.id))).data.listing,
    ).toBeNull();
    const Page = `query { listings(filter: { listTypes: [BLACK], statuses: [EFFECTIVE] }, first: 100) { edges { node { id } } } }`;
    const idsIn = async (caller?: Caller) =>
      ((await stack.request(Page, {}, caller)).data.listings.edges as { node: { id: string } }[]).map(
        (e) => e.node.id,
      );
    expect(await idsIn(subjectCaller(personId))).toContain(listingId);
    expect(await idsIn(subjectCaller(stranger.id))).not.toContain(listingId);
    expect((await stack.request(Entry, { id: listingId })).data.listing).toBeNull();

    const grounds = {
      listingId,
      grounds: '处罚决定已被撤销。',
      evidence: ['撤销决定书'],
      filedOn: '2026-04-01',
    };
    const objection = await stack.request(FileObjection, { input: grounds }, subjectCaller(personId));
    expect(objection.errors).toBeUndefined();
    expect(objection.data.fileObjection.objection.status).toBe('UNDER_REVIEW');
  });

  it('hold the signature until the initiating department decides, and a rejection says what remains', async () => {
    const { company, listingId } = await entryInPublicity('公示异议测试企业');
    const objectionId = await fileObjection(company.id, listingId, '2026-02-20');
    // The hold reaches the lists subgraph as an event; once there, the entry cannot be signed.
    await eventually(async () =>
      expect(
        await stack.rows('lists', sql`select 1 from lists.objection_holds where listing_id = ${listingId}`),
      ).toHaveLength(1),
    );
    const refused = await stack.request(op.approve, { input: { listingId, signedOn: SIGNED_ON } }, jinanSamr);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('objection filed during publicity is under review'),
      extensions: { code: 'CONFLICT' },
    });
    const rejected = await decide(objectionId, 'REJECTED');
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.decideObjection.objection).toMatchObject({
      status: 'REJECTED',
      decidedOn: '2026-11-16',
    });
    const remedies = await stack.request(
      `query($f: ObjectionFilter) { objections(filter: $f) { edges { node { id furtherRemedies } } } }`,
      { f: { listingId } },
      subjectCaller(company.id),
    );
    expect(remedies.data.objections.edges).toEqual([
      {
        node: {
          id: objectionId,
          furtherRemedies: ['ADMINISTRATIVE_RECONSIDERATION', 'ADMINISTRATIVE_LITIGATION'],
        },
      },
    ]);
    await eventually(async () => expect((await approve(stack, listingId)).status).toBe('EFFECTIVE'));
  });

  it('hold the signature even before the objection’s event reached the lists subgraph', async () => {
    const { company, listingId } = await entryInPublicity('签署窗口异议测试企业');
    await fileObjection(company.id, listingId, '2026-02-20');
    // As in the moments before the event arrives: the lists subgraph holds nothing yet.
    await eventually(async () =>
      expect(
        await stack.rows('lists', sql`select 1 from lists.objection_holds where listing_id = ${listingId}`),
      ).toHaveLength(1),
    );
    await stack.rows('lists', sql`delete from lists.objection_holds where listing_id = ${listingId}`);
    const refused = await stack.request(op.approve, { input: { listingId, signedOn: SIGNED_ON } }, jinanSamr);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('objection filed during publicity is under review'),
      extensions: { code: 'CONFLICT' },
    });
    expect((await entryStatus(listingId)).status).toBe('PUBLICITY');
  });

  it('withdraw the entry when upheld', async () => {
    const { company, listingId } = await entryInPublicity('公示异议成立测试企业');
    const objectionId = await fileObjection(company.id, listingId, '2026-02-20');
    expect((await decide(objectionId, 'UPHELD')).errors).toBeUndefined();
    await eventually(async () => expect((await entryStatus(listingId)).status).toBe('WITHDRAWN'));
  });
});

describe('objections to an entry in force', () => {
  it('exit it with OBJECTION_UPHELD when upheld, lifting its measures and telling every department', async () => {
    const company = await registerCompany(stack, '生效异议测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    await eventually(async () => expect((await dispatchesOf(listingId)).length).toBeGreaterThan(0));
    const objectionId = await fileObjection(company.id, listingId, '2026-11-02');
    expect((await decide(objectionId, 'UPHELD')).errors).toBeUndefined();
    await eventually(async () =>
      expect(await entryStatus(listingId)).toEqual({
        status: 'EXITED',
        exitReason: 'OBJECTION_UPHELD',
        exitedOn: '2026-11-16',
        subject: { creditStatus: 'CLEAR' },
      }),
    );
    await eventually(async () => {
      const dispatches = await dispatchesOf(listingId);
      expect(dispatches.every((d) => d.status === 'LIFTED')).toBe(true);
      expect(dispatches.every((d) => String(d.notice).startsWith('Objection upheld on 2026-11-16'))).toBe(
        true,
      );
    });
    const history = await stack.rows(
      'lists',
      sql`select status, reason, by from lists.listing_history where listing_id = ${listingId} and status = 'EXITED'`,
    );
    expect(history).toEqual([{ status: 'EXITED', reason: 'OBJECTION_UPHELD', by: '370100-SAMR' }]);
  });

  it('lets an exit and an upheld objection racing on one entry both be answered, one of them CONFLICT', async () => {
    const races = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const company = await registerCompany(stack, `退出与异议竞争测试企业${i}`);
        const listingId = await effectiveEntry(stack, company.id);
        const objectionId = await fileObjection(company.id, listingId, '2026-04-01');
        const [exited, upheld] = await Promise.all([
          stack.request(
            contractOperation('ExitListing'),
            { input: { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' } },
            jinanSamr,
          ),
          decide(objectionId, 'UPHELD'),
        ]);
        return { listingId, exited, upheld };
      }),
    );
    for (const { listingId, exited, upheld } of races) {
      const codes = [exited, upheld].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const entry = await entryStatus(listingId);
      expect(entry.exitReason).toBe(exited.errors ? 'OBJECTION_UPHELD' : 'STANDARD_CHANGED');
    }
  });

  it('pause the measures where the jurisdiction says so (Kunming) and not where it does not (Jinan)', async () => {
    const kunmingCompany = await registerCompany(stack, '昆明异议测试企业');
    const kunming = await effectiveEntry(stack, kunmingCompany.id, {}, kunmingSamr);
    const jinanCompany = await registerCompany(stack, '济南异议测试企业');
    const jinan = await effectiveEntry(stack, jinanCompany.id);
    await eventually(async () => {
      expect((await dispatchesOf(kunming)).length).toBeGreaterThan(0);
      expect((await dispatchesOf(jinan)).length).toBeGreaterThan(0);
    });
    const kunmingObjection = await fileObjection(kunmingCompany.id, kunming, '2026-11-02');
    await fileObjection(jinanCompany.id, jinan, '2026-11-02');

    const suspendedFlags = async (listingId: string) => {
      const { data } = await stack.request(
        `query($id: ID!) { listing(id: $id) { applicableMeasures { suspended } objections { suspendsMeasures } } }`,
        { id: listingId },
        jinanSamr,
      );
      return data.listing;
    };
    await eventually(async () => {
      expect((await dispatchesOf(kunming)).every((d) => d.status === 'SUSPENDED')).toBe(true);
      const flags = await suspendedFlags(kunming);
      expect(flags.objections).toEqual([{ suspendsMeasures: true }]);
      expect(flags.applicableMeasures.every((a: { suspended: boolean }) => a.suspended)).toBe(true);
    });
    expect((await dispatchesOf(jinan)).every((d) => d.status === 'PENDING')).toBe(true);
    const jinanFlags = await suspendedFlags(jinan);
    expect(jinanFlags.objections).toEqual([{ suspendsMeasures: false }]);
    expect(jinanFlags.applicableMeasures.every((a: { suspended: boolean }) => !a.suspended)).toBe(true);

    expect((await decide(kunmingObjection, 'REJECTED', kunmingSamr)).errors).toBeUndefined();
    await eventually(async () => {
      const dispatches = await dispatchesOf(kunming);
      expect(dispatches.every((d) => d.status === 'PENDING')).toBe(true);
      expect(String(dispatches[0]?.notice)).toContain('Objection rejected');
    });
  });
});

describe('after a rejection', () => {
  const RecordFurtherRemedy = `mutation($input: FurtherRemedyInput!) { recordFurtherRemedy(input: $input) { objection { status furtherRemedy furtherRemedyOutcome furtherRemedyReference } } }`;

  it('records the outcome of litigation once, and a revoked rejection corrects the entry', async () => {
    const company = await registerCompany(stack, '行政诉讼测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const objectionId = await fileObjection(company.id, listingId, '2026-11-02');
    const early = await stack.request(
      RecordFurtherRemedy,
      {
        input: {
          objectionId,
          remedy: 'ADMINISTRATIVE_LITIGATION',
          outcome: 'REJECTION_REVOKED',
          decidedOn: '2026-11-18',
          reference: '(2026)鲁0102行初15号',
        },
      },
      jinanSamr,
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await decide(objectionId, 'REJECTED')).errors).toBeUndefined();
    const input = {
      objectionId,
      remedy: 'ADMINISTRATIVE_LITIGATION',
      outcome: 'REJECTION_REVOKED',
      decidedOn: '2026-11-18',
      reference: '(2026)鲁0102行初15号',
    };
    const recorded = await stack.request(RecordFurtherRemedy, { input }, jinanSamr);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordFurtherRemedy.objection).toEqual({
      status: 'REJECTED',
      furtherRemedy: 'ADMINISTRATIVE_LITIGATION',
      furtherRemedyOutcome: 'REJECTION_REVOKED',
      furtherRemedyReference: '(2026)鲁0102行初15号',
    });
    const twice = await stack.request(RecordFurtherRemedy, { input }, jinanSamr);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await eventually(async () =>
      expect(await entryStatus(listingId)).toMatchObject({
        status: 'EXITED',
        exitReason: 'OBJECTION_UPHELD',
        exitedOn: '2026-11-18',
      }),
    );
  });
});

describe('who may object and decide', () => {
  it('keeps objections to the subject, departments and the credit office, and decisions to the initiating department', async () => {
    const company = await registerCompany(stack, '异议权限测试企业');
    const other = await registerCompany(stack, '其他测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const input = { listingId, grounds: '事实有误', filedOn: '2026-11-02' };
    const byOtherSubject = await stack.request(FileObjection, { input }, subjectCaller(other.id));
    expect(byOtherSubject.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byPublic = await stack.request(FileObjection, { input });
    expect(byPublic.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const beforeEffect = await stack.request(
      FileObjection,
      { input: { ...input, filedOn: '2026-02-01' } },
      subjectCaller(company.id),
    );
    expect(beforeEffect.errors?.[0]).toMatchObject({
      message: expect.stringContaining('was DRAFT'),
      extensions: { code: 'CONFLICT' },
    });
    const byDepartment = await stack.request(
      FileObjection,
      { input },
      { role: 'DEPARTMENT', dept: '370100-FIN' },
    );
    expect(byDepartment.errors).toBeUndefined();
    const objectionId = byDepartment.data.fileObjection.objection.id;
    const twice = await stack.request(FileObjection, { input }, { role: 'DEPARTMENT', dept: '370100-FIN' });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const byImplementer = await decide(objectionId, 'REJECTED', { role: 'DEPARTMENT', dept: '370100-FIN' });
    expect(byImplementer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await decide(objectionId, 'REJECTED', creditOffice)).errors).toBeUndefined();
    const again = await decide(objectionId, 'UPHELD');
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    const future = await stack.request(
      FileObjection,
      { input: { ...input, filedOn: '2099-01-01' } },
      subjectCaller(company.id),
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filedOn' });
  });

  it('shows overdue objections to the credit office, and each department its own queue', async () => {
    const company = await registerCompany(stack, '逾期异议测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const objectionId = await fileObjection(company.id, listingId, '2026-11-02');
    const Queue = `query($f: ObjectionFilter) { objections(filter: $f, first: 100) { totalCount edges { node { id dueOn overdue department { code } } } } }`;
    const { data } = await stack.request(Queue, { f: { overdueOn: '2026-12-31' } }, creditOffice);
    const found = data.objections.edges.find((e: { node: { id: string } }) => e.node.id === objectionId);
    expect(found.node).toMatchObject({
      dueOn: '2026-11-16',
      overdue: true,
      department: { code: '370100-SAMR' },
    });
    const notYet = await stack.request(Queue, { f: { overdueOn: '2026-11-16', listingId } }, creditOffice);
    expect(notYet.data.objections.totalCount).toBe(0);
    const foreign = await stack.request(
      Queue,
      { f: { listingId } },
      { role: 'DEPARTMENT', dept: '530100-SAMR' },
    );
    expect(foreign.data.objections.totalCount).toBe(0);
    const publicQueue = await stack.request(Queue, {});
    expect(publicQueue.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('credit repair', () => {
  const application = (listingId: string, appliedOn: string) => ({
    input: {
      listingId,
      method: 'OBLIGATION_PERFORMED',
      evidence: ['整改报告', '罚款缴纳凭证'],
      commitment: '本企业承诺依法经营，如有违反自愿接受联合惩戒。',
      appliedOn,
    },
  });

  it('is accepted only after the minimum period of the entry’s severity, and once at a time', async () => {
    const company = await registerCompany(stack, '修复期限测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const early = await stack.request(
      ApplyForRepair,
      application(listingId, '2026-04-01'),
      subjectCaller(company.id),
    );
    expect(early.errors?.[0]).toMatchObject({
      message: expect.stringContaining('may be repaired from 2026-05-05'),
      extensions: { code: 'CONFLICT', acceptedFrom: '2026-05-05' },
    });
    const onTime = await stack.request(
      ApplyForRepair,
      application(listingId, '2026-05-06'),
      subjectCaller(company.id),
    );
    expect(onTime.errors).toBeUndefined();
    expect(onTime.data.applyForRepair.repair).toMatchObject({
      status: 'UNDER_REVIEW',
      appliedOn: '2026-05-06',
    });
    const duplicate = await stack.request(
      ApplyForRepair,
      application(listingId, '2026-05-07'),
      subjectCaller(company.id),
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const serious = await registerCompany(stack, '严重失信修复测试企业');
    const seriousId = await effectiveEntry(stack, serious.id, { severity: 'SERIOUS' });
    const tooSoon = await stack.request(
      ApplyForRepair,
      application(seriousId, '2026-11-20'),
      subjectCaller(serious.id),
    );
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', acceptedFrom: '2027-02-05' });

    const minor = await registerCompany(stack, '轻微失信修复测试企业');
    const minorId = await effectiveEntry(stack, minor.id, { severity: 'MINOR' });
    const atOnce = await stack.request(
      ApplyForRepair,
      application(minorId, SIGNED_ON),
      subjectCaller(minor.id),
    );
    expect(atOnce.errors).toBeUndefined();

    const fixed = await registerCompany(stack, '不可修复测试企业');
    const fixedId = await effectiveEntry(stack, fixed.id, { repairable: false });
    const refused = await stack.request(
      ApplyForRepair,
      application(fixedId, '2026-11-20'),
      subjectCaller(fixed.id),
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('not repairable'),
      extensions: { code: 'CONFLICT', acceptedFrom: null },
    });
    const noEvidence = await stack.request(
      ApplyForRepair,
      { input: { ...application(minorId, SIGNED_ON).input, evidence: [] } },
      subjectCaller(minor.id),
    );
    expect(noEvidence.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
  });

  it('opens one application when 20 are sent at once, and refuses the others with CONFLICT', async () => {
    const company = await registerCompany(stack, '并发修复申请测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stack.request(
          ApplyForRepair,
          application(listingId, `2026-10-${String(10 + (i % 10)).padStart(2, '0')}`),
          subjectCaller(company.id),
        ),
      ),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(new Set(answers.flatMap((a) => a.errors?.map((e) => e.extensions?.code) ?? []))).toEqual(
      new Set(['CONFLICT']),
    );
    const open = await stack.rows(
      'objections',
      sql`select count(*)::int as n from objections.repairs where listing_id = ${listingId} and status = 'UNDER_REVIEW'`,
    );
    expect(open).toEqual([{ n: 1 }]);
  });

  it('exits an approved blacklisting with CREDIT_REPAIRED, opens monitoring and lifts the measures', async () => {
    const company = await registerCompany(stack, '修复成功测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    await eventually(async () => expect((await dispatchesOf(listingId)).length).toBeGreaterThan(0));
    const applied = await stack.request(
      ApplyForRepair,
      application(listingId, '2026-10-12'),
      subjectCaller(company.id),
    );
    const repairId = applied.data.applyForRepair.repair.id;
    const byOther = await stack.request(
      DecideRepair,
      { input: { repairId, decision: 'APPROVED', reason: '已整改', decidedOn: '2026-10-20' } },
      { role: 'DEPARTMENT', dept: '370100-FIN' },
    );
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await stack.request(
      DecideRepair,
      { input: { repairId, decision: 'APPROVED', reason: '已整改并缴清罚款', decidedOn: '2026-10-20' } },
      jinanSamr,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideRepair.repair).toMatchObject({ status: 'APPROVED', decidedOn: '2026-10-20' });
    await eventually(async () =>
      expect(await entryStatus(listingId)).toEqual({
        status: 'EXITED',
        exitReason: 'CREDIT_REPAIRED',
        exitedOn: '2026-10-20',
        subject: { creditStatus: 'MONITORED' },
      }),
    );
    await eventually(async () =>
      expect((await dispatchesOf(listingId)).every((d) => d.status === 'LIFTED')).toBe(true),
    );
  });
});
