// The admin's view of one request's trace in the web app (Jaeger's own UI is not part of its build
// here): a booking made through the API, found again from the System page by the request id it was
// answered with, shown as a waterfall with a row per span; Romanian on a desktop, English on a phone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
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
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken } from '../support/identity.ts';
import { bookWithRequestId, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/** Books a slot through the API; answers the request id of the booking (its trace's id) once Jaeger holds the whole trace. */
async function bookedTraceId(admin: string): Promise<string> {
  const { doctor } = await createDoctor({ schedule: ALL_WEEK });
  const patient = await registerNamedPatient('Ilinca Urmărită');
  const [slot] = await slotsOn(doctor.id, 2);
  const { requestId: traceId } = await bookWithRequestId(patient, doctor.id, slot!);
  // Spans arrive in batches from each process: until the email is sent and every span's parent is in.
  await eventually(
    'the booking’s whole trace is in Jaeger',
    async () => {
      const answer = await http(gateway(`/system/traces/${traceId}`), { token: admin });
      const spans = (answer.body.spans ?? []) as Json[];
      return spans.some((s) => s.operation === 'smtp send') && spans.filter((s) => s.parent_id === null).length === 1;
    },
    60_000,
  );
  return traceId;
}

const rowOf = (page: Page, service: string) => page.locator(`ol.waterfall li[data-service="${service}"]`);

describe('web app: a request’s trace', () => {
  let browser: Browser;
  let traceId: string;
  before(async () => {
    browser = await launchBrowser();
    traceId = await bookedTraceId(await adminToken());
  });
  after(async () => {
    // The admin's language back to Romanian, which the other browser tests expect.
    await http(gateway('/users/me'), { method: 'PUT', token: await adminToken(), body: { language: 'ro' } });
    await browser?.close();
  });

  it('is found from the System page by a booking’s request id and shown, in Romanian, as a row per span from the gateway to notification-service', async () => {
    const { page, cspViolations } = await newSession(browser);
    const { username, password } = testStack().keycloak.demoAdmin;
    await logIn(page, username, password, '/admin/system');
    await page.getByRole('heading', { level: 2, name: 'Starea sistemului' }).waitFor();
    const field = page.getByRole('textbox', { name: 'Id-ul cererii' });
    await field.fill('not-a-request-id');
    await page.getByRole('button', { name: 'Arată urma' }).click();
    await page.getByText('Un id de cerere are 32 de caractere').waitFor();
    await field.fill(traceId.toUpperCase());
    await page.getByRole('button', { name: 'Arată urma' }).click();
    await page.waitForURL(`**/admin/system/traces/${traceId}`);
    await page.getByRole('heading', { level: 2, name: 'Urma unei cereri' }).waitFor();
    const spans = page.getByRole('list', { name: 'Etapele cererii, fiecare sub cea din care face parte' });
    await spans.waitFor();
    await rowOf(page, 'gateway')
      .first()
      .getByText(/^POST \/api\/appointments/)
      .waitFor();
    await rowOf(page, 'appointment-service').first().waitFor();
    await rowOf(page, 'notification-service').getByText('smtp send').first().waitFor();
    // The first row is the gateway's, starting at the trace's start; a row says its duration in words.
    assert.equal(await page.locator('ol.waterfall li').first().getAttribute('data-service'), 'gateway');
    assert.match((await page.locator('ol.waterfall li').first().textContent()) ?? '', /de la \+0 µs/);
    assert.match((await page.locator('.trace-summary').textContent()) ?? '', /etape în \d servicii/);
    // The bars' positions and the rows' indents are set within the content security policy.
    assert.deepEqual(cspViolations, []);
    await assertAccessible(page, 'trace page, Romanian');
    await screenshot(page, 'booking-trace');
  });

  it('shows the same trace in English on a phone, and says so when Jaeger does not hold a trace', async () => {
    const { page } = await newSession(browser, { mobile: true, language: 'en' });
    const { username, password } = testStack().keycloak.demoAdmin;
    await logIn(page, username, password, `/admin/system/traces/${traceId}`);
    // The admin's profile keeps Romanian (which wins over the browser's choice on login): switch as a person would.
    await page.getByRole('heading', { level: 2, name: 'Urma unei cereri' }).waitFor();
    await page.getByRole('combobox', { name: 'Limba' }).selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'A request’s trace' }).waitFor();
    await page.getByRole('list', { name: 'The request’s spans, each under the one it is part of' }).waitFor();
    await rowOf(page, 'gateway').first().waitFor();
    await rowOf(page, 'notification-service').getByText('smtp send').first().waitFor();
    assert.match((await page.locator('ol.waterfall li').first().textContent()) ?? '', /from \+0 µs/);
    await assertAccessible(page, 'trace page, English, phone');
    await assertNoHorizontalOverflow(page, 'trace page, English, phone');

    await page.getByRole('link', { name: 'System status' }).first().click();
    await page.getByRole('textbox', { name: 'Request id' }).fill(randomUUID().replaceAll('-', ''));
    await page.getByRole('button', { name: 'Show its trace' }).click();
    await page.getByRole('alert').getByText('Jaeger does not hold this trace').waitFor();
    await assertAccessible(page, 'trace page, unknown trace, phone');
    await assertNoHorizontalOverflow(page, 'trace page, unknown trace, phone');
  });
});
