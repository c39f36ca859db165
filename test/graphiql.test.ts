import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jinanFoodCompany } from './demo.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium and must run this test; a laptop without it skips rather than fails.
const browserAvailable = existsSync(CHROMIUM) || Boolean(process.env.CI);

describe.skipIf(!browserAvailable)('GraphiQL served by the gateway', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({
      // The contract's SubjectProfile with the demo company's USCC written in for $identifier.
      exampleQuery: contractOperation('SubjectProfile')
        .replace(/^query SubjectProfile\([^)]*\)/, 'query SubjectProfile')
        .replace('$identifier', JSON.stringify(jinanFoodCompany.uscc))
        .replaceAll(/\$(scenario|asOf)/g, 'null'),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs a query with no internet: every asset comes from the gateway itself', async () => {
    const page = await browser.newPage();
    const gatewayOrigin = new URL(stack.gateway.url).origin;
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(gatewayOrigin) || url.startsWith('blob:') || url.startsWith('data:'))
        return route.continue();
      outside.push(url);
      return route.abort();
    });

    await page.goto(stack.gateway.url);
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    const result = page.locator('.result-window');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('BLACKLISTED');
    expect(await result.textContent()).toContain(jinanFoodCompany.name);

    mkdirSync('data', { recursive: true });
    await page.screenshot({ path: 'data/graphiql.png' });
    expect(outside).toEqual([]);
  });
});
