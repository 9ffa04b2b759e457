// The admin closes the clinic on a day and sets a doctor's notice in the web app; a patient's week
// then says why those days have no time, in Romanian and English.
import assert from 'node:assert/strict';
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
import { ALL_WEEK, clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken } from '../support/identity.ts';
import { gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

// Far enough ahead that no other test books on it while this one closes the clinic.
const CLOSED = clinicDate(82);

/** The day's column of the doctor's week, as a patient sees it. */
const dayColumn = (page: Page, index: number) => page.locator('section.day').nth(index);

describe('web app: closed days and a doctor’s notice', () => {
  let browser: Browser;
  let admin: Page;
  let created: CreatedDoctor;

  before(async () => {
    browser = await launchBrowser();
    created = await createDoctor({ schedule: ALL_WEEK });
    ({ page: admin } = await newSession(browser));
    const { username, password } = testStack().keycloak.demoAdmin;
    await logIn(admin, username, password, '/admin/closed-days');
  });
  after(async () => {
    await http(gateway(`/doctors/closed-days/${CLOSED}`), { method: 'DELETE', token: await adminToken() });
    await browser?.close();
  });

  it('the admin closes the clinic on a day, and a patient’s week says so', async () => {
    await admin.getByRole('heading', { level: 2, name: 'Zilele în care clinica este închisă' }).waitFor();
    await admin.getByLabel('Data').fill(CLOSED);
    await admin.getByLabel('Numele în română').fill('Ziua fondării clinicii');
    await admin.getByLabel('Numele în engleză').fill('Clinic foundation day');
    await admin.getByRole('button', { name: 'Închide clinica într-o zi' }).click();
    await admin.locator(`li[data-closed-day="${CLOSED}"]`).waitFor();
    assert.ok((await admin.locator(`li[data-closed-day="${CLOSED}"]`).textContent())!.includes('Ziua fondării clinicii'));
    await assertAccessible(admin, 'closed days, admin');
    await screenshot(admin, 'admin-closed-days');

    const { page: patient } = await newSession(browser, { mobile: true, language: 'en' });
    await patient.goto(`/doctors/${created.doctor.id}?from=${CLOSED}`);
    await dayColumn(patient, 0).getByText('The clinic is closed on that day (Clinic foundation day)').waitFor();
    assert.ok((await dayColumn(patient, 1).locator('button.time').count()) > 0, 'the next day is open');
    await assertAccessible(patient, 'a closed day in the week, phone');
    await assertNoHorizontalOverflow(patient, 'a closed day in the week, phone');

    await admin.goto(`/doctors/${created.doctor.id}?from=${CLOSED}`);
    await dayColumn(admin, 0).getByText('Clinica este închisă în acea zi (Ziua fondării clinicii)').waitFor();
  });

  it('the admin opens the day again', async () => {
    await admin.goto('/admin/closed-days');
    const row = admin.locator(`li[data-closed-day="${CLOSED}"]`);
    await row.getByRole('button', { name: 'Deschide ziua' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deschide ziua' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('the admin sets a doctor’s notice, and the patient is told tomorrow is too soon to book online', async () => {
    await admin.goto(`/admin/doctors/${created.doctor.id}`);
    // Two days: every time of tomorrow is inside it, whatever the hour now.
    await admin.getByLabel(/^Preaviz minim/).fill('2880');
    await admin.getByRole('button', { name: 'Salvează preavizul și pauza' }).click();
    await admin.getByText('Preavizul și pauza au fost salvate.').waitFor();
    await admin.getByText('În vigoare: 2880 minute').waitFor();
    await assertAccessible(admin, 'a doctor’s notice and buffer, admin');

    const { page: patient } = await newSession(browser, { language: 'en' });
    await patient.goto(`/doctors/${created.doctor.id}?from=${clinicDate(1)}`);
    await dayColumn(patient, 0).getByText('Too soon to book online: call the clinic').waitFor();
    assert.ok((await dayColumn(patient, 2).locator('button.time').count()) > 0, 'the day after next is bookable');
    await patient.evaluate(() => (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('clinic.language', 'ro'));
    await patient.reload();
    await dayColumn(patient, 0).getByText('Prea curând pentru o programare online: sunați la clinică').waitFor();
  });
});
