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
import { freeSlots, requestBooking } from '../support/booking.ts';
import { clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { registerPatient, type TestUser } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** What a phone user checks on every page: nothing to scroll sideways, and nothing axe-core finds serious. */
async function assertFitsPhone(page: Page, what: string) {
  await assertNoHorizontalOverflow(page, what);
  await assertAccessible(page, what);
}

describe('web app on a phone-wide screen (390 px): the main pages fit without scrolling sideways', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;
  let patient: TestUser;

  before(async () => {
    browser = await launchBrowser();
    // A long name: names and cabinet lines must wrap, not push the page wider.
    [doctor, patient] = await Promise.all([createDoctor({ label: `phone-doctor-${randomUUID().slice(0, 6)}` }), registerPatient('phone')]);
    for (const slot of await freeSlots(doctor.doctor.id, 2)) {
      const answer = await requestBooking(patient, doctor.doctor.id, slot);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    }
  });
  after(async () => browser?.close());

  it('the doctor search and a doctor’s week', async () => {
    const { page } = await newSession(browser, { mobile: true });
    await page.goto(`/?name=${encodeURIComponent(doctor.doctor.full_name)}`);
    const card = page.locator('.doctor-card');
    await card.locator('.next-times a.time').first().waitFor();
    await assertFitsPhone(page, 'doctor search');

    await card.getByRole('link', { name: doctor.doctor.full_name }).click();
    await page.getByRole('heading', { level: 1, name: doctor.doctor.full_name }).waitFor();
    await page.locator('button.time[data-slot]').first().waitFor();
    await assertFitsPhone(page, 'doctor page, week grid');
    await screenshot(page, 'phone-doctor-week', { fullPage: false });
  });

  it('My appointments and its reschedule picker', async () => {
    const { page } = await newSession(browser, { mobile: true });
    await logIn(page, patient.email, patient.password, '/appointments');
    await page.getByRole('heading', { level: 1, name: 'Programările mele' }).waitFor();
    const cards = page.locator('.appointment');
    await cards.nth(1).waitFor();
    await assertFitsPhone(page, 'my appointments');
    await screenshot(page, 'phone-my-appointments', { fullPage: false });

    await cards.first().getByRole('button', { name: 'Reprogramează' }).click();
    const picker = page.getByRole('dialog', { name: `Alege o nouă oră la ${doctor.doctor.full_name}` });
    await picker.locator('button.time[data-slot]').first().waitFor();
    await assertFitsPhone(page, 'reschedule picker');
    await picker.getByRole('button', { name: 'Înapoi' }).click();
  });

  it('the waitlist page', async () => {
    const joined = await http(api('/waitlist'), {
      method: 'POST',
      token: patient.token,
      body: { doctor_id: doctor.doctor.id, date_from: clinicDate(0), date_to: clinicDate(6) },
    });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    const { page } = await newSession(browser, { mobile: true });
    await logIn(page, patient.email, patient.password, '/waitlist');
    await page.getByRole('heading', { level: 1, name: 'Listă de așteptare' }).waitFor();
    await page.locator('.waitlist-entry').first().waitFor();
    await assertFitsPhone(page, 'waitlist page');
  });

  it('the front desk’s booking for a patient', async () => {
    const { page } = await newSession(browser, { mobile: true });
    const admin = testStack().keycloak.demoAdmin;
    await logIn(page, admin.username, admin.password, '/admin/book');
    await page.getByRole('heading', { level: 2, name: 'Programează un pacient' }).waitFor();
    await page.getByLabel('Caută pacientul după nume sau email').fill(patient.email);
    await page.getByRole('button', { name: `Alege Test phone (${patient.email})` }).click();
    await page.getByLabel('Medic').selectOption(doctor.doctor.id);
    await page.locator('button.time[data-slot]').first().waitFor();
    await assertFitsPhone(page, 'front desk');
  });

  it('a doctor’s agenda, by week', async () => {
    const { page } = await newSession(browser, { mobile: true });
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=week&date=${clinicDate(1)}`);
    await page.getByRole('heading', { level: 1, name: 'Agendă' }).waitFor();
    await page.locator('.appointment').first().waitFor();
    await assertFitsPhone(page, 'doctor agenda');
    await screenshot(page, 'phone-agenda', { fullPage: false });

    await page.getByRole('link', { name: 'Program și concedii' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Program săptămânal' }).waitFor();
    await page.locator('table.table tbody tr').first().waitFor();
    await assertFitsPhone(page, 'doctor’s hours and time off');
  });
});
