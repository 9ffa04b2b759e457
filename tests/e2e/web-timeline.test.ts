// The web app's appointment history for staff: the front desk opens an appointment from its day, the
// doctor from the agenda (in English), and the front desk puts a caller on the waitlist and books a held
// time over the hold with a reason, which the history then shows. Axe clean, in Romanian and English.
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
} from '../support/browser.ts';
import { withAppointmentsDb } from '../support/booking.ts';
import { CLINIC_TIME_ZONE, clinicDate, createDoctor, createSpecialization, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { registerPatient, type TestUser } from '../support/identity.ts';
import { bookThroughGateway, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const clinicDay = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date(instant));

/**
 * Once every email about the appointment is accepted by the mail server, as the history will show it (a
 * new PDF is recorded NOT_SENT: its link was in the change's own email).
 */
const emailsSent = (id: string, token: string) =>
  eventually(`the emails about ${id} are SENT`, async () => {
    const answer = await http(gateway(`/appointments/${id}/timeline`), { token });
    const emails = (answer.body.entries ?? []).filter((entry: Json) => entry.kind === 'EMAIL');
    return (
      emails.length > 0 &&
      emails.every((entry: Json) => entry.email.status === (entry.email.type === 'PDF_GENERATED' ? 'NOT_SENT' : 'SENT'))
    );
  });

describe('web app: an appointment’s history for staff', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;
  let patient: TestUser;
  let booked: Record<string, Json>;
  const label = randomUUID().slice(0, 6);
  const admin = () => testStack().keycloak.demoAdmin;

  before(async () => {
    browser = await launchBrowser();
    const specialization = await createSpecialization({ name: `Istoric ${label}` });
    doctor = await createDoctor({ label: `timeline-${label}`, specializationId: specialization.id });
    patient = await registerNamedPatient('Ana Timofte');
    const [slot] = await slotsOn(doctor.doctor.id, 2);
    booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const confirmed = await http(gateway(`/appointments/${booked.id}/confirm`), { method: 'PUT', token: doctor.user.token });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    await emailsSent(booked.id, doctor.user.token);
  });
  after(async () => browser?.close());

  it('serves the favicon at /favicon.ico', async () => {
    const answer = await fetch(`${testStack().gatewayUrl}/favicon.ico`);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'image/x-icon');
    const icon = Buffer.from(await answer.arrayBuffer());
    assert.deepEqual([icon.readUInt16LE(2), icon[6], icon[7]], [1, 32, 32], 'a 32×32 icon');
  });

  it('the front desk opens an appointment from the clinic’s day and reads its history (Romanian, also at 390 px)', async () => {
    for (const mobile of [false, true]) {
      const { page } = await newSession(browser, { mobile });
      await logIn(page, admin().username, admin().password, '/admin/day');
      await page.getByLabel('Data').fill(clinicDay(booked.start_time));
      await page.getByLabel('Specializare').selectOption({ label: `Istoric ${label}` });
      await page.locator(`.calendar-block[data-appointment="${booked.id}"] a`).click();
      await page.waitForURL(`**/appointments/${booked.id}/timeline`);
      await page.getByRole('heading', { level: 1, name: 'Istoricul programării' }).waitFor();
      const entries = page.getByRole('list', { name: 'Istoricul programării' }).getByRole('listitem');
      const bookedEntry = entries.filter({ hasText: 'Programată' }).first();
      await bookedEntry.waitFor();
      assert.match((await bookedEntry.textContent())!, /online · de Ana Timofte \(pacient\)/);
      const confirmedEntry = entries.filter({ hasText: 'Confirmată' }).first();
      assert.match((await confirmedEntry.textContent())!, new RegExp(`de ${doctor.doctor.full_name} \\(medic\\)`));
      // The booking's email (a new PDF's record, not emailed, says so instead).
      const email = entries
        .filter({ hasText: `Către ${patient.email}` })
        .filter({ hasText: 'Programare înregistrată' })
        .first();
      assert.match((await email.textContent())!, /acceptat de serverul de e-mail/);
      await assertAccessible(page, `the history in Romanian${mobile ? ' on a phone' : ''}`);
      if (mobile) await assertNoHorizontalOverflow(page, 'the history on a phone');
      else await screenshot(page, 'appointment-timeline');
      await page.context().close();
    }
  });

  it('the doctor opens it from the agenda, in English', async () => {
    const saved = await http(gateway('/users/me'), { method: 'PUT', token: doctor.user.token, body: { language: 'en' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const { page } = await newSession(browser, { language: 'en' });
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${clinicDay(booked.start_time)}`);
    await page
      .locator(`#appointment-${booked.id}`)
      .getByRole('link', { name: /^History: Ana Timofte’s appointment/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Appointment history' }).waitFor();
    const entries = page.getByRole('list', { name: 'Appointment history' }).getByRole('listitem');
    await entries.filter({ hasText: 'Booked' }).first().waitFor();
    assert.match((await entries.filter({ hasText: 'Booked' }).first().textContent())!, /online · by Ana Timofte \(patient\)/);
    assert.match((await entries.filter({ hasText: 'Confirmed' }).first().textContent())!, /\(doctor\)/);
    assert.match(
      (await entries
        .filter({ hasText: `To ${patient.email}` })
        .filter({ hasText: 'Programare înregistrată' })
        .first()
        .textContent())!,
      /accepted by the mail server/,
    );
    await assertAccessible(page, 'the history in English');
  });

  it('the front desk adds a caller to the waitlist, and books a held time over the hold with a reason', async () => {
    const [holder, waiter] = [await registerPatient(`timeline-holder-${label}`), await registerNamedPatient('Vlad Munteanu')];
    const caller = await registerNamedPatient(`Sorina Pîrvu ${label}`);
    const [slot] = await slotsOn(doctor.doctor.id, 3);
    const held = await bookThroughGateway(holder, doctor.doctor.id, slot!);
    const joined = await http(gateway('/waitlist'), {
      method: 'POST',
      token: waiter.token,
      body: { doctor_id: doctor.doctor.id, date_from: clinicDate(3), date_to: clinicDate(3) },
    });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.equal((await http(gateway(`/appointments/${held.id}/cancel`), { method: 'PUT', token: holder.token })).status, 200);
    // The test stack holds a time for seconds; the front desk is given minutes to find it, as a clinic's would.
    await eventually('the freed time is held for the waiter, then for ten minutes', () =>
      withAppointmentsDb(async (db) => {
        const { rowCount } = await db.query(
          `UPDATE slot_holds SET expires_at = now() + interval '10 minutes' WHERE patient_id = $1 AND status = 'ACTIVE'`,
          [waiter.id],
        );
        return rowCount === 1;
      }),
    );

    const { page } = await newSession(browser);
    await logIn(page, admin().username, admin().password, '/admin/book');
    await page.getByLabel('Caută pacientul după nume sau email').fill(caller.email);
    await page.getByRole('button', { name: new RegExp(`^Alege Sorina Pîrvu ${label}`) }).click();
    await page.getByLabel('Medic').selectOption({ label: `${doctor.doctor.full_name} · Istoric ${label}` });

    await page.getByLabel('Prima zi').fill(clinicDate(5));
    await page.getByLabel('Ultima zi').fill(clinicDate(6));
    await page.getByRole('button', { name: 'Adaugă pe lista de așteptare' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Sorina Pîrvu ${label} este pe lista de așteptare` })
      .waitFor();
    const entries = await http(gateway('/waitlist/my'), { token: caller.token });
    assert.deepEqual(
      entries.body.map((entry: Json) => [entry.doctor_id, entry.date_from, entry.date_to]),
      [[doctor.doctor.id, clinicDate(5), clinicDate(6)]],
    );

    const heldTimes = page.getByRole('region', { name: 'Intervale rezervate pentru lista de așteptare' });
    await heldTimes.getByText('rezervat pentru Vlad Munteanu').waitFor();
    await assertAccessible(page, 'the front desk with a held time');
    await heldTimes.getByRole('button', { name: /^Programează peste rezervare: / }).click();
    const dialog = page.getByRole('dialog', { name: 'Programare într-un interval rezervat' });
    await dialog.getByLabel('De ce preia recepția acest interval').fill('Durere acută, vine azi');
    await assertAccessible(page, 'the override dialog');
    await dialog.getByRole('button', { name: `Programează pentru Sorina Pîrvu ${label}` }).click();
    await dialog.getByRole('status').filter({ hasText: 'Pacientul care aștepta rămâne pe lista de așteptare.' }).waitFor();
    await dialog.getByRole('link', { name: 'Istoric' }).click();
    const history = page.getByRole('list', { name: 'Istoricul programării' }).getByRole('listitem');
    const override = history.filter({ hasText: 'Rezervare din lista de așteptare preluată' });
    await override.waitFor();
    assert.match((await override.textContent())!, /Motivul: Durere acută, vine azi/);
    assert.match((await history.filter({ hasText: 'Programată' }).first().textContent())!, /la recepție/);
    await assertAccessible(page, 'the history of a held time booked over');
  });
});
