// The admin's System page in the web app: the replicas Prometheus really scrapes, the last hour's small
// charts, and a red state with the alert's summary when a scraped server stays down; Romanian and
// English, on a desktop and on a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pauseServer, resumeServer } from '../../devstack/src/process.ts';
import {
  assertAccessible,
  assertNoHorizontalOverflow,
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  type Browser,
  type Page,
} from '../support/browser.ts';
import { http } from '../support/http.ts';
import { adminToken } from '../support/identity.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { promAlerts } from '../support/prometheus.ts';
import { testStack } from '../support/stack.ts';

/** A job's row in the replicas list. */
const jobRow = (page: Page, job: string) => page.locator(`ul.replicas li[data-job="${job}"]`);

describe('web app: the System page', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await resumeServer(testStack().stateDir, 'postgres_exporter');
    // The admin's language back to Romanian, which the other browser tests expect.
    await http(gateway('/users/me'), { method: 'PUT', token: await adminToken(), body: { language: 'ro' } });
    await browser?.close();
  });

  it('shows the admin, in Romanian, each service’s replicas and the servers Prometheus reaches, with the last hour’s charts', async () => {
    const { page } = await newSession(browser);
    const { username, password } = testStack().keycloak.demoAdmin;
    await logIn(page, username, password, '/admin/users');
    await page.getByRole('navigation', { name: 'Administrare' }).getByRole('link', { name: 'Sistem' }).click();
    await page.getByRole('heading', { level: 2, name: 'Starea sistemului' }).waitFor();
    // The page refreshes every 15 s: Prometheus's first scrapes show up without a reload.
    for (const job of ['rabbitmq', 'keycloak', 'postgres']) {
      await jobRow(page, job).getByText('1 din 1 răspund').waitFor({ timeout: 90_000 });
    }
    await jobRow(page, 'appointment-service')
      .getByText(/din 3 răspund/)
      .waitFor();
    await jobRow(page, 'notification-service')
      .getByText(/din 2 răspund/)
      .waitFor();
    assert.equal(await page.locator('[data-panel]').count(), 9, 'a panel per figure');
    // A line of the last hour (flat at 0 for a service whose replicas are all down: attached, not "visible").
    await page.locator('[data-panel="replicas_up"] svg.sparkline path').first().waitFor({ state: 'attached', timeout: 90_000 });
    await page.getByRole('heading', { level: 3, name: 'Programări decise pe minut' }).waitFor();
    await assertAccessible(page, 'System page, Romanian');
    await screenshot(page, 'admin-system');
  });

  it('shows it in English on a phone, and turns a server that stays down red with the alert’s summary', async () => {
    const { stateDir } = testStack();
    const { page } = await newSession(browser, { mobile: true, language: 'en' });
    const { username, password } = testStack().keycloak.demoAdmin;
    await logIn(page, username, password, '/admin/system');
    // The admin's profile keeps Romanian (which wins over the browser's choice on login): switch as a person would.
    await page.getByRole('heading', { level: 2, name: 'Starea sistemului' }).waitFor();
    await page.getByRole('combobox', { name: 'Limba' }).selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'System status' }).waitFor();
    await jobRow(page, 'rabbitmq').getByText('1 of 1 up').waitFor({ timeout: 90_000 });
    await assertAccessible(page, 'System page, English, phone');
    await assertNoHorizontalOverflow(page, 'System page, English, phone');

    // PostgreSQL's exporter stops answering: a minute later ReplicaDown fires for it (alerts.yml).
    await pauseServer(stateDir, 'postgres_exporter');
    await eventually(
      'ReplicaDown fires for the postgres job',
      async () =>
        (await promAlerts()).some((a) => a.labels.alertname === 'ReplicaDown' && a.labels.job === 'postgres' && a.state === 'firing'),
      150_000,
    );
    const row = jobRow(page, 'postgres');
    await row.getByText('0 of 1 up').waitFor({ timeout: 30_000 });
    await row.getByText('postgres (postgres) does not answer').waitFor({ timeout: 30_000 });
    assert.match((await row.getAttribute('class')) ?? '', /firing/);
    await page.locator('.card.firing[data-alert="ReplicaDown"]').first().getByRole('heading', { name: 'A replica is down' }).waitFor();
    await assertAccessible(page, 'System page with an alert firing, phone');
    await assertNoHorizontalOverflow(page, 'System page with an alert firing, phone');
    await screenshot(page, 'admin-system-alert-phone', { fullPage: false });
    await resumeServer(stateDir, 'postgres_exporter');
  });
});
