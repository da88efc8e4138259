// End to end in headless Chromium (Debian's chromium, driven with playwright-core): the /docs page and the usage page
// as an operator sees them, each ending in a screenshot (written to SCREENSHOT_DIR, or a folder under the system's
// temporary directory). Skipped, with the reason printed, where /usr/bin/chromium is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listen, type Listening } from '../helpers/listening';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

const CHROMIUM = '/usr/bin/chromium';
const present = fs.existsSync(CHROMIUM);
if (!present) console.warn(`tests/e2e/browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)`);

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'sharegate-screenshots');
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

(present ? describe : describe.skip)('in headless Chromium', () => {
  let t: TestGateway;
  let server: Listening;
  let browser: Browser;
  /** every URL the browser asked for */
  const requested: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    t = await startTestGateway({ USAGE_FLUSH_SECONDS: '3600' });
    server = await listen(t);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // playwright starts it with a fresh profile in a temporary directory of its own
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  async function newPage(headers: Record<string, string> = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: headers });
    const page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    return page;
  }

  it('GET /docs: pick cf-v3 in the top bar, expand POST /v3/service_instances/{guid}/relationships/shared_spaces, take a screenshot', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/docs?urls.primaryName=uaa`);
    await page.locator('.info .title', { hasText: 'UAA (embedded)' }).waitFor();
    await page.locator('.topbar select').selectOption('cf-v3');
    await page.locator('.info .title', { hasText: 'Cloud Foundry API v3' }).waitFor();
    await page.locator('#operations-tag-Service_instance_sharing').waitFor();
    // Swagger UI shows no warning or error about the document
    await expect(page.locator('.errors-wrapper, .version-pragma, .swagger-ui .errors').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'docs-cf-v3.png') });

    const share = page.locator('.opblock-post', { has: page.locator('[data-path="/v3/service_instances/{guid}/relationships/shared_spaces"]') });
    await share.locator('.opblock-summary-control').click();
    await share.locator('.opblock-body').waitFor();
    await share.locator('.opblock-section-request-body').waitFor();
    // the request body's schema (ShareBody) and the relationship it answers are shown
    await expect(share.locator('.opblock-body').innerText()).resolves.toMatch(/"data"/);
    await expect(share.locator('.responses-table').innerText()).resolves.toMatch(/200/);
    // the sharing operations' heading at the top of the picture, the expanded operation under it
    await page.locator('#operations-tag-Service_instance_sharing').evaluate((el: { scrollIntoView(options: unknown): void }) => el.scrollIntoView({ block: 'start' }));
    const file = path.join(SHOTS, 'docs-cf-v3-share.png');
    await page.screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${file}`);

    // everything the page loaded came from sharegate itself
    expect(requested.filter((u) => !u.startsWith(server.url))).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('GET /admin/usage.html with seeded usage: the calls per day per dialect drawn, the busiest legacy clients listed, take a screenshot', async () => {
    const seeded = [
      { dialect: 'cf-v2', route: '/v2/service_instances', clientId: 'cf', agent: 'cf/6.53.0', userName: 'legacy-bot', per: 40 },
      { dialect: 'csm', route: '/csm/:cls/:seg', clientId: '', agent: 'rest-client/2.1.0', userName: 'clm-automation', per: 25 },
      { dialect: 'cf-v3', route: '/v3/service_instances', clientId: 'cf', agent: 'cf/8.7.0', userName: 'dora', per: 60 },
      { dialect: 'env-shares', route: '/v1/envs/:environment_id/shares', clientId: '', agent: 'Go-http-client/1.1', userName: 'golem-ci', per: 10 },
    ];
    const counts = seeded.flatMap((s, i) =>
      Array.from({ length: 15 }, (_, n) => ({
        day: day(14 - n),
        dialect: s.dialect,
        route: s.route,
        clientId: s.clientId,
        agent: s.agent,
        userGuid: `00000000-0000-4000-8000-00000000000${i}`,
        userName: s.userName,
        // legacy calls fall off as clients move to v3
        count: s.dialect === 'cf-v3' ? s.per + n * 5 : Math.max(1, s.per - n * 2),
        firstSeen: Date.parse(`${day(14 - n)}T08:00:00Z`),
        lastSeen: Date.parse(`${day(14 - n)}T17:00:00Z`),
      })),
    );
    await t.gateway.core.recordUsage(counts);

    const page = await newPage({ Authorization: `bearer ${t.admin.token}` });
    const res = await page.goto(`${server.url}/admin/usage.html?since=14d`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/^Usage from /);
    // one line per dialect with calls, one table row per legacy client
    await expect(page.locator('svg polyline').count()).resolves.toBe(4);
    const clients = await page.locator('table').first().locator('tbody tr').allInnerTexts();
    expect(clients.map((r) => r.split('\t')[0])).toEqual(['cf-v2', 'csm', 'env-shares']);
    const file = path.join(SHOTS, 'usage-page.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${file}`);
    await page.context().close();
  }, 60_000);
});
