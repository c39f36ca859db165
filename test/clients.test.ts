import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('what client libraries meet', () => {
  it('gives every entity an id a client cache can key on, a measure’s naming its version', async () => {
    const { data, errors } = await stack.request(
      `{ jurisdictions { id code departments { id code } } measure(code: "370100-P06") { id code version } }`,
    );
    expect(errors).toBeUndefined();
    const [jinan] = data.jurisdictions.filter((j: { code: string }) => j.code === '370100');
    expect(jinan.id).toBe('370100');
    expect(jinan.departments.every((d: { id: string; code: string }) => d.id === d.code)).toBe(true);
    expect(data.measure.id).toBe(`370100-P06@${data.measure.version}`);
  });

  it('says in introspection how Date and DateTime are written', async () => {
    const { data } = await stack.request(
      `{ date: __type(name: "Date") { specifiedByURL } dateTime: __type(name: "DateTime") { specifiedByURL } }`,
    );
    expect(data.date.specifiedByURL).toMatch(/rfc3339/);
    expect(data.dateTime.specifiedByURL).toMatch(/rfc3339/);
  });
});
