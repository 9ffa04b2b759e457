import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Specialization } from '@clinic/contracts';
import {
  assertAccessible,
  launchBrowser,
  logIn,
  logInOnKeycloak,
  newSession,
  openKeycloakLink,
  screenshot,
  type Browser,
  type Page,
} from '../support/browser.ts';
import { freeSlots, startAppointmentIn } from '../support/booking.ts';
import { clinicDate, createDoctor, createSpecialization, isoWeekday, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { passwordToken, PASSWORD, registerPatient, uniqueEmail, type TestUser } from '../support/identity.ts';
import { keycloakActionLink, waitForMails } from '../support/mail.ts';
import { bookThroughGateway } from '../support/notifications.ts';
import { pdfText } from '../support/pdf.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** Asks until `check` answers something other than undefined (what the services do a moment later). */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what}: not within a minute`);
}

describe('web app: a patient books, reads and cancels an appointment in the browser', () => {
  let browser: Browser;
  let page: Page;
  let specialization: Specialization;
  let doctor: CreatedDoctor;
  const email = uniqueEmail('web-patient');
  const fullName = `Web Patient ${randomUUID().slice(0, 6)}`;
  let appointmentId: string;
  let cspViolations: string[];

  before(async () => {
    browser = await launchBrowser();
    specialization = await createSpecialization();
    // A name of its own: the search narrows by name while the list for the specialization still loads.
    doctor = await createDoctor({ specializationId: specialization.id, label: `doctor-${randomUUID().slice(0, 6)}` });
    ({ page, cspViolations } = await newSession(browser));
  });
  after(async () => browser?.close());

  it('registers in the app, then logs in on Keycloak’s page', async () => {
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Creează un cont de pacient' }).waitFor();
    await assertAccessible(page, 'registration page');
    await page.getByLabel('Nume complet').fill(fullName);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Parolă').fill('short');
    await page.getByRole('button', { name: 'Creează contul' }).click();
    await page.getByText('Parola nu îndeplinește cerințele de mai jos.').waitFor();
    await page.getByLabel('Parolă').fill(PASSWORD);
    await page.getByRole('button', { name: 'Creează contul' }).click();
    await logInOnKeycloak(page, email, PASSWORD);
    await page.getByRole('button', { name: 'Ieșire' }).waitFor();
    // A patient books once their address is verified: the link Keycloak emailed, then a fresh load.
    const [verification] = await waitForMails(email, [/verif/i]);
    await openKeycloakLink(page, keycloakActionLink(verification!));
    await page.goto('/');
    await page.getByRole('button', { name: 'Ieșire' }).waitFor();
    await page.getByRole('link', { name: 'Programările mele' }).waitFor();
  });

  it('finds the doctor by cabinet', async () => {
    const cabinet = doctor.doctor.cabinet;
    await page.getByLabel('Cabinet sau locație').selectOption({ label: `${cabinet.name} — ${cabinet.location}` });
    await page.waitForFunction(() => (globalThis as Json).document.querySelectorAll('.doctor-card').length === 1);
    await page.locator('.doctor-card').getByRole('link', { name: doctor.doctor.full_name }).waitFor();
    assert.match(await page.locator('.doctor-card').innerText(), new RegExp(cabinet.name));
    await page.waitForURL(new RegExp(`cabinet=${cabinet.id}`)); // the search can be linked
    await page.getByLabel('Cabinet sau locație').selectOption({ label: 'Oricare' });
  });

  it('finds the doctor by specialization and name, with the next free times shown', async () => {
    await page.getByLabel('Specializare').selectOption({ label: specialization.name });
    await page.getByLabel('Numele medicului').fill(doctor.doctor.full_name.toUpperCase());
    const card = page.locator('.doctor-card');
    await card.getByRole('link', { name: doctor.doctor.full_name }).waitFor();
    // The list narrows once the specialization's doctors arrive (the previous list shows meanwhile).
    await page.waitForFunction(() => (globalThis as Json).document.querySelectorAll('.doctor-card').length === 1);
    assert.equal(await card.count(), 1);
    assert.equal(await page.getByLabel('Numele medicului').inputValue(), doctor.doctor.full_name.toUpperCase(), 'the typed name stays');
    await card.locator('.next-times a.time').first().waitFor();
    assert.equal(await card.locator('.next-times a.time').count(), 3);
    await assertAccessible(page, 'doctor search');
    await screenshot(page, 'find-a-doctor');
    await card.getByRole('link', { name: doctor.doctor.full_name }).click();
    await page.getByRole('heading', { level: 1, name: doctor.doctor.full_name }).waitFor();
  });

  it('books a time in three steps, once even when the confirm button is clicked twice', async () => {
    // The week's last time: days ahead, so the patient may still move and cancel it (the change cut-off).
    const time = page.locator('button.time[data-slot]').last();
    await time.waitFor();
    await assertAccessible(page, 'doctor page');
    await screenshot(page, 'patient-booking');
    const slot = (await time.getAttribute('data-slot'))!;
    // Keyboard only: focus the time and press Enter.
    await time.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirmă programarea' });
    await dialog.waitFor();
    for (const text of [doctor.doctor.full_name, specialization.name, doctor.doctor.cabinet.name]) {
      assert.ok((await dialog.textContent())!.includes(text), `the dialog names ${text}`);
    }
    assert.equal(
      await page.evaluate(() => Boolean((globalThis as Json).document.activeElement?.closest('dialog'))),
      true,
      'focus is inside the dialog',
    );
    await assertAccessible(page, 'confirm dialog');
    await screenshot(page, 'patient-confirm');
    await dialog.getByRole('button', { name: 'Programează' }).dblclick();
    await page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();

    const mine = await http(api('/appointments/my'), { token: await passwordToken(email, PASSWORD) });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.length, 1, 'one appointment, not two');
    assert.equal(Date.parse(mine.body[0].start_time), Date.parse(slot));
    appointmentId = mine.body[0].id;
  });

  it('shows the appointment under My appointments and downloads its PDF', async () => {
    await page.getByRole('dialog').getByRole('link', { name: 'Programările mele' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programările mele' }).waitFor();
    const card = page.locator('.appointment');
    await card.getByText('În așteptarea confirmării').waitFor();
    assert.ok((await card.textContent())!.includes(doctor.doctor.cabinet.name));
    await assertAccessible(page, 'my appointments');
    await screenshot(page, 'my-appointments');

    // The PDF is made off the request's path, a moment after booking.
    const token = await passwordToken(email, PASSWORD);
    for (let attempt = 0; (await http(api(`/appointments/${appointmentId}/pdf`), { token })).status !== 200; attempt++) {
      assert.ok(attempt < 60, 'the PDF is made');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The link goes through the gateway, never to MinIO.
    const request = page
      .context()
      .waitForEvent('request', (r) => r.url().startsWith(`${testStack().gatewayUrl}/api/appointments/${appointmentId}/pdf/download?`));
    await card.getByRole('button', { name: 'Descarcă PDF' }).click();
    const pdf = await fetch((await request).url());
    assert.equal(pdf.status, 200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
    assert.match(pdfText(bytes), new RegExp(fullName));
  });

  it('moves the appointment to another time with the same week picker and confirm step', async () => {
    await page.getByRole('button', { name: 'Reprogramează' }).click();
    const picker = page.getByRole('dialog', { name: `Alege o nouă oră la ${doctor.doctor.full_name}` });
    // Its present time is taken (by itself), so the week's last free time is another one.
    const time = picker.locator('button.time[data-slot]').last();
    await time.waitFor();
    const slot = (await time.getAttribute('data-slot'))!;
    await time.click();
    const confirm = page.getByRole('dialog', { name: 'Confirmă noua oră' });
    await confirm.waitFor();
    await assertAccessible(page, 'reschedule dialog');
    await confirm.getByRole('button', { name: 'Mută programarea' }).click();
    await confirm.waitFor({ state: 'detached' });
    const answer = await http(api(`/appointments/${appointmentId}`), { token: await passwordToken(email, PASSWORD) });
    assert.equal(answer.body.status, 'PENDING');
    assert.equal(Date.parse(answer.body.start_time), Date.parse(slot));
  });

  it('cancels after confirming, and finds it in the history', async () => {
    await page.getByRole('button', { name: 'Anulează programarea' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anulezi programarea?' });
    await dialog.waitFor();
    await assertAccessible(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Da, anulează' }).click();
    await page.getByText('Nu ai nicio programare viitoare.').waitFor();
    await page.getByRole('button', { name: 'Istoric' }).click();
    await page.locator('.appointment').getByText('Anulată').waitFor();
    const answer = await http(api(`/appointments/${appointmentId}`), { token: await passwordToken(email, PASSWORD) });
    assert.equal(answer.body.status, 'CANCELLED');
  });

  it('switches to English and remembers it after a reload', async () => {
    // Reloaded once the profile has the choice: a reload while it is being saved reads the old language.
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/users/me') && response.request().method() === 'PUT');
    await page.getByLabel('Limba').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    assert.equal(await page.evaluate(() => (globalThis as Json).document.documentElement.lang), 'en');
    assert.equal((await saved).status(), 200);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    // Saved with the profile too, so the emails come in English from now on.
    const token = await passwordToken(email, PASSWORD);
    await eventually('the profile says English', async () => {
      const me = await http(api('/users/me'), { token });
      return me.body.language === 'en' ? me.body : undefined;
    });

    // notification-service recorded the booking's email to the patient (sent in Romanian, chosen then).
    const booked = `Programare înregistrată: ${doctor.doctor.full_name}`;
    await eventually('the booking’s notification', async () => {
      const mine = await http(api('/notifications/my'), { token });
      return mine.body.items?.some((n: { subject: string }) => n.subject.startsWith(booked)) ? true : undefined;
    });
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page
      .locator('.cards .card')
      .getByRole('heading', { name: new RegExp(`^${booked}`) })
      .waitFor();
    await assertAccessible(page, 'notifications');
    await page.goto('/profile');
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    assert.equal(await page.getByLabel('Full name').inputValue(), fullName);
    await assertAccessible(page, 'profile');
    await page.goto('/no-such-page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await assertAccessible(page, 'page not found');
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find a doctor' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    assert.deepEqual(cspViolations, [], 'nothing the app does is refused by its content security policy');
  });
});

describe('web app: a patient is told in plain words why a change is no longer possible close to the start', () => {
  let browser: Browser;
  let page: Page;
  let doctor: CreatedDoctor;
  let patient: Awaited<ReturnType<typeof registerPatient>>;
  let soon: string;
  let started: string;
  const TOO_CLOSE = 'Programarea este prea aproape pentru a o mai schimba online. Sună la clinică.';
  // The test stack's cut-off is one hour (devstack/src/platform.ts), told by GET /appointments/rules.
  const CUTOFF_NOTE = 'Schimbările online se închid cu 1 h înainte de început';

  before(async () => {
    browser = await launchBrowser();
    [doctor, patient] = await Promise.all([createDoctor(), registerPatient('cutoff-web')]);
    const ids: string[] = [];
    for (const slot of await freeSlots(doctor.doctor.id, 2)) ids.push((await bookThroughGateway(patient, doctor.doctor.id, slot)).id);
    [soon, started] = ids as [string, string];
    // Confirmed, so that no job expires it once it has started.
    const confirmed = await http(api(`/appointments/${started}/confirm`), { method: 'PUT', token: doctor.user.token });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    ({ page } = await newSession(browser));
    await logIn(page, patient.email, patient.password, '/appointments');
    await page.getByRole('heading', { level: 1, name: 'Programările mele' }).waitFor();
    await page.locator('.appointment').nth(1).getByRole('button', { name: 'Anulează programarea' }).waitFor();
  });
  after(async () => browser?.close());

  const card = (index: number) => page.locator('.appointment').nth(index);

  it('shows the clinic’s refusal when the cut-off passed while the page was open, then says why and offers no change', async () => {
    // Both are tomorrow as the page shows them; meanwhile one comes inside the cut-off (clear of the other).
    await startAppointmentIn(soon, 40);
    await card(0).getByRole('button', { name: 'Anulează programarea' }).click();
    const cancel = page.getByRole('dialog', { name: 'Anulezi programarea?' });
    await cancel.getByRole('button', { name: 'Da, anulează' }).click();
    await cancel.getByText(TOO_CLOSE).waitFor();
    assert.equal(await cancel.getByRole('button', { name: 'Da, anulează' }).count(), 0, 'no retry of a refusal');
    await assertAccessible(page, 'cancel refused');
    await cancel.getByRole('button', { name: 'Înapoi' }).click();

    // The list read again: the appointment says until when it could be changed, and offers neither change.
    await card(0).getByText(CUTOFF_NOTE).waitFor();
    assert.equal(
      await card(0)
        .getByRole('button', { name: /Anulează programarea|Reprogramează/ })
        .count(),
      0,
    );
    assert.equal(await card(1).getByRole('button', { name: 'Anulează programarea' }).count(), 1, 'the other one still can');
    await assertAccessible(page, 'my appointments inside the cut-off');
    assert.equal((await http(api(`/appointments/${soon}`), { token: patient.token })).body.status, 'PENDING');
  });

  it('says an appointment that started can no longer be changed online', async () => {
    await startAppointmentIn(started, -10);
    await page.reload();
    // In time order: the started one first.
    await card(0).getByText('Programarea a început, așa că nu mai poate fi schimbată online. Sună la clinică.').waitFor();
    assert.equal(
      await card(0)
        .getByRole('button', { name: /Anulează programarea|Reprogramează/ })
        .count(),
      0,
    );
    await card(1).getByText(CUTOFF_NOTE).waitFor();
    assert.equal((await http(api(`/appointments/${started}`), { token: patient.token })).body.status, 'CONFIRMED');
  });

  it('says the same in English', async () => {
    await page.getByLabel('Limba').selectOption('en');
    await card(1).getByText('Changes online close 1 h before the start').waitFor();
    await card(0).getByText('This appointment has started, so it can no longer be changed online. Please call the clinic.').waitFor();
    await page.getByLabel('Language').selectOption('ro');
  });
});

describe('web app: a patient waits for a time to free up on a full day', () => {
  let browser: Browser;
  let page: Page;
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let other: TestUser;
  let taken: Awaited<ReturnType<typeof bookThroughGateway>>;
  // The doctor works one day of the coming week, one half-hour, which another patient has booked.
  const day = clinicDate(2);

  before(async () => {
    browser = await launchBrowser();
    [doctor, patient, other] = await Promise.all([
      createDoctor({
        schedule: [{ weekday: isoWeekday(day), start_time: '10:00', end_time: '10:30', slot_minutes: 30 }],
        label: `waitlist-doctor-${randomUUID().slice(0, 6)}`,
      }),
      registerPatient('waiter-web'),
      registerPatient('taker-web'),
    ]);
    const [slot] = await freeSlots(doctor.doctor.id, 1);
    taken = await bookThroughGateway(other, doctor.doctor.id, slot!);
    ({ page } = await newSession(browser));
    await logIn(page, patient.email, patient.password, `/doctors/${doctor.doctor.id}`);
    await page.getByRole('heading', { level: 1, name: doctor.doctor.full_name }).waitFor();
  });
  after(async () => browser?.close());

  /** A date as the app writes it in full, in Romanian. */
  const longDate = (date: string) =>
    new Intl.DateTimeFormat('ro-RO', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${date}T00:00:00Z`),
    );

  it('joins the waitlist for the full day, and for the whole week, from the doctor’s page', async () => {
    const dayButton = page.getByRole('button', { name: `Anunță-mă când se eliberează o oră pe ${longDate(day)}` });
    await dayButton.waitFor();
    await page.getByText('Nicio oră liberă săptămâna aceasta.').waitFor();
    await assertAccessible(page, 'a full week with the waitlist offered');
    await dayButton.click();
    await page.getByText(`Ești pe lista de așteptare pentru ${longDate(day)}.`).waitFor();
    await page.getByRole('button', { name: 'Anunță-mă când se eliberează o oră săptămâna aceasta' }).click();
    await page.getByText(`Ești pe lista de așteptare pentru ${longDate(clinicDate(0))} – ${longDate(clinicDate(6))}.`).waitFor();
    const mine = await http(api('/waitlist/my'), { token: patient.token });
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.map((entry: { date_from: string; date_to: string }) => [entry.date_from, entry.date_to]).sort(), [
      [clinicDate(0), clinicDate(6)],
      [day, day],
    ]);
    // The same days again: the clinic already has them.
    await dayButton.click();
    await page.getByText('Ești deja pe lista de așteptare pentru aceste zile.').waitFor();
  });

  it('lists the entries on the Waitlist page, books the time held when it frees up, and leaves the other entry', async () => {
    await page.getByRole('link', { name: 'Listă de așteptare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Listă de așteptare' }).waitFor();
    const entries = page.locator('.waitlist-entry');
    await entries.nth(1).waitFor();
    assert.equal(await entries.count(), 2);
    assert.ok((await entries.first().textContent())!.includes(doctor.doctor.full_name));
    assert.equal(await page.getByText('Aștepți să se elibereze o oră.').count(), 2);
    await assertAccessible(page, 'waitlist page');
    await screenshot(page, 'patient-waitlist');

    // The other patient cancels: the time is held for the first to have waited for that day.
    const cancelled = await http(api(`/appointments/${taken.id}/cancel`), { method: 'PUT', token: other.token });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const book = page.getByRole('button', { name: 'Rezervă ora aceasta' });
    for (let attempt = 0; !(await book.isVisible()); attempt++) {
      assert.ok(attempt < 60, 'the time is offered within half a minute');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await page.reload();
      await entries.nth(1).waitFor();
    }
    await page.getByText('O oră îți este păstrată').waitFor();
    await assertAccessible(page, 'waitlist page with a time held');
    await book.click();
    const dialog = page.getByRole('dialog', { name: 'Confirmă programarea' });
    await dialog.getByRole('button', { name: 'Programează' }).click();
    await page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();
    const mine = await http(api('/appointments/my'), { token: patient.token });
    assert.deepEqual(
      mine.body.map((a: { start_time: string }) => Date.parse(a.start_time)),
      [Date.parse(taken.start_time)],
    );
    await page.keyboard.press('Escape');
    await page.getByText('Ai rezervat ora oferită.').waitFor();

    const week = page.getByRole('button', { name: /^Ieși de pe lista de așteptare la .* – / });
    await week.click();
    await week.waitFor({ state: 'detached' });
    const left = await http(api('/waitlist/my'), { token: patient.token });
    assert.deepEqual(
      left.body.map((entry: { status: string }) => entry.status),
      ['BOOKED'],
    );
    await page.getByRole('button', { name: /^Șterge din listă: / }).click();
    await page.getByText('Nu aștepți nicio oră.').waitFor();
  });
});
