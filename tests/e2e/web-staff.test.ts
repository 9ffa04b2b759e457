import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Cabinet, Specialization } from '@clinic/contracts';
import { assertAccessible, launchBrowser, logIn, newSession, screenshot, type Browser, type Page } from '../support/browser.ts';
import { freeSlots, startAppointmentIn } from '../support/booking.ts';
import {
  CLINIC_TIME_ZONE,
  clinicDate,
  createCabinet,
  createDoctor,
  createSpecialization,
  isoWeekday,
  type CreatedDoctor,
} from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, createPatients, registerPatient, type TestUser } from '../support/identity.ts';
import { bookThroughGateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

describe('web app: a doctor runs their agenda', () => {
  let browser: Browser;
  let page: Page;
  let doctor: CreatedDoctor;
  let patient: TestUser;

  before(async () => {
    browser = await launchBrowser();
    [doctor, patient] = await Promise.all([createDoctor(), registerPatient('agenda')]);
    const slots = await freeSlots(doctor.doctor.id, 2);
    for (const slot of slots) await bookThroughGateway(patient, doctor.doctor.id, slot);
    ({ page } = await newSession(browser));
  });
  after(async () => browser?.close());

  it('logs in, sees the day’s appointments with the patient’s name and status, and confirms one', async () => {
    const day = clinicDate(1);
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${day}`);
    await page.getByRole('heading', { level: 1, name: 'Agendă' }).waitFor();
    const cards = page.locator('.appointment');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2);
    assert.ok((await cards.first().textContent())!.includes('Pacient: Test agenda'));
    await assertAccessible(page, 'doctor agenda');
    await screenshot(page, 'doctor-agenda');
    await cards.first().getByRole('button', { name: 'Confirmă' }).click();
    await cards.first().getByText('Confirmată').waitFor();
    await page.getByRole('button', { name: 'Săptămână' }).click();
    await cards.first().waitFor();
    await assertAccessible(page, 'doctor agenda, week');
  });

  it('reschedules a pending appointment with the same week picker', async () => {
    const second = page.locator('.appointment').nth(1);
    const before = await second.locator('h3').textContent();
    await second.getByRole('button', { name: 'Reprogramează' }).click();
    const picker = page.getByRole('dialog');
    const times = picker.locator('button.time[data-slot]');
    await times.first().waitFor();
    await assertAccessible(page, 'reschedule picker');
    await times.nth(5).click();
    await page.getByRole('dialog', { name: 'Confirmă noua oră' }).getByRole('button', { name: 'Mută programarea' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForFunction((old) => {
      const headings = [...(globalThis as Json).document.querySelectorAll('.appointment h3')].map((h: Json) => h.textContent);
      return !headings.includes(old);
    }, before);
  });

  it('cancels inside the patient cut-off only with a reason, and marks a started appointment as a no-show', async () => {
    // Two more patients' appointments, moved to start soon (inside the stack's 1 h cut-off) and 10 minutes ago.
    const [soonPatient, missingPatient] = await Promise.all([registerPatient('soon-agenda'), registerPatient('missing-agenda')]);
    const [first, second] = await freeSlots(doctor.doctor.id, 2);
    const soon = await bookThroughGateway(soonPatient, doctor.doctor.id, first!);
    const missed = await bookThroughGateway(missingPatient, doctor.doctor.id, second!);
    const confirmed = await http(api(`/appointments/${missed.id}/confirm`), { method: 'PUT', token: doctor.user.token });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    await startAppointmentIn(soon.id, 40);
    await startAppointmentIn(missed.id, -10);
    const dateOf = async (id: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(
        new Date((await http(api(`/appointments/${id}`), { token: doctor.user.token })).body.start_time),
      );

    await page.goto(`/agenda?view=day&date=${await dateOf(soon.id)}`);
    const soonCard = page.locator('.appointment').filter({ hasText: 'Pacient: Test soon-agenda' });
    await soonCard.getByText('Cu mai puțin de 1 h înainte de început, sau după: anularea ori mutarea cere un motiv').waitFor();
    await soonCard.getByRole('button', { name: 'Anulează programarea' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anulezi programarea?' });
    await dialog.getByRole('button', { name: 'Da, anulează' }).click();
    await dialog.getByText('Obligatoriu.').waitFor();
    await assertAccessible(page, 'staff cancel asking a reason');
    await dialog.getByLabel('Motiv (obligatoriu)').fill('The doctor is called to an emergency');
    await dialog.getByRole('button', { name: 'Da, anulează' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A cancelled appointment leaves the agenda unless asked for.
    await soonCard.waitFor({ state: 'detached' });
    await page.getByLabel('Arată programările anulate').check();
    await soonCard.getByText('Anulată').waitFor();
    assert.equal((await http(api(`/appointments/${soon.id}`), { token: doctor.user.token })).body.status, 'CANCELLED');

    await page.goto(`/agenda?view=day&date=${await dateOf(missed.id)}`);
    const missedCard = page.locator('.appointment').filter({ hasText: 'Pacient: Test missing-agenda' });
    await missedCard.getByRole('button', { name: 'Marchează neprezentarea' }).click();
    await missedCard.getByText('Neprezentare').waitFor();
    await missedCard.getByText('Pacientul nu a venit.').waitFor();
    assert.equal((await http(api(`/appointments/${missed.id}`), { token: doctor.user.token })).body.status, 'NO_SHOW');
    await page.goto(`/agenda?view=day&date=${clinicDate(1)}`);
  });

  it('adds hours to the weekly schedule, is told when they overlap, and removes them', async () => {
    await page.getByRole('link', { name: 'Program și concedii' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Program săptămânal' }).waitFor();
    const form = page.getByRole('form', { name: 'Adaugă interval' });
    // Monday 09:00–13:00, the form's first offer, lies inside the doctor's 08:00–20:00.
    await form.getByRole('button', { name: 'Adaugă interval' }).click();
    await page.getByText('Intervalul se suprapune cu unul existent în program.').waitFor();
    await form.getByLabel('Ziua').selectOption({ label: 'Duminică' });
    await form.getByLabel('De la').fill('20:00');
    await form.getByLabel('Până la').fill('21:00');
    await form.getByLabel('Durata unei programări (minute)').fill('20');
    await form.getByRole('button', { name: 'Adaugă interval' }).click();
    const remove = page.getByRole('button', { name: 'Elimină Duminică 20:00–21:00' });
    await remove.waitFor();
    const schedule = await http(api(`/doctors/${doctor.doctor.id}/schedule`));
    assert.ok(
      schedule.body.entries.some(
        (e: { weekday: number; start_time: string; end_time: string; slot_minutes: number }) =>
          e.weekday === 7 && e.start_time === '20:00' && e.end_time === '21:00' && e.slot_minutes === 20,
      ),
      JSON.stringify(schedule.body.entries),
    );
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    const after = await http(api(`/doctors/${doctor.doctor.id}/schedule`));
    assert.equal(after.body.entries.length, 7, 'back to the seven days it had');
  });

  it('adds and removes time off', async () => {
    await page.getByRole('heading', { level: 2, name: 'Concedii' }).waitFor();
    const form = page.getByRole('form', { name: 'Adaugă concediu' });
    await form.getByLabel('De la').fill(clinicDate(40));
    await form.getByLabel('Până la').fill(clinicDate(41));
    await form.getByLabel('Motiv').fill('conference');
    await form.getByRole('button', { name: 'Adaugă concediu' }).click();
    await page.getByText('— conference').waitFor();
    await assertAccessible(page, 'schedule and time off');
    await page.getByRole('button', { name: /^Elimină concediul/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Elimină' }).click();
    await page.getByText('Niciun concediu planificat.').waitFor();
  });

  it('shows every appointment of a busy week, more than the API answers in one page', async () => {
    // A Monday two weeks ahead or more, clear of the appointments above.
    const monday = Array.from({ length: 7 }, (_, i) => clinicDate(14 + i)).find((date) => new Date(`${date}T12:00:00Z`).getUTCDay() === 1)!;
    const week = await http(api(`/doctors/${doctor.doctor.id}/availability?from=${monday}&days=5`));
    const slots = week.body.dates.flatMap((day: { slots: { start: string; end: string }[] }) => day.slots).slice(0, 101);
    assert.equal(slots.length, 101);
    // Several patients: one patient's appointments ahead are capped (MAX_FUTURE_APPOINTMENTS_PER_PATIENT).
    const patients = await createPatients(5, 'busy-week');
    for (let i = 0; i < slots.length; i += 10)
      await Promise.all(
        slots
          .slice(i, i + 10)
          .map((slot: { start: string; end: string }, j: number) =>
            bookThroughGateway(patients[(i + j) % patients.length]!, doctor.doctor.id, slot),
          ),
      );
    await page.goto(`/agenda?view=week&date=${monday}`);
    await page.getByRole('heading', { level: 1, name: 'Agendă' }).waitFor();
    await page.waitForFunction(() => (globalThis as Json).document.querySelectorAll('.appointment').length >= 101);
    assert.equal(await page.locator('.appointment').count(), 101);
    assert.equal(
      await page
        .locator('h2')
        .filter({ hasText: /^(luni|marți|miercuri|joi|vineri),/ })
        .count(),
      5,
      'five days, each under its date',
    );
  });
});

describe('web app: an admin runs the clinic', () => {
  let browser: Browser;
  let page: Page;
  const name = `Web specialization ${randomUUID().slice(0, 6)}`;
  let future: TestUser;
  let promoted: TestUser;
  let busyDoctor: CreatedDoctor;
  let specialization: Specialization;
  let deletable: TestUser;
  let cabinet: Cabinet;
  const cabinetName = `Web cabinet ${randomUUID().slice(0, 6)}`;
  // More users of one name than a page of the users list holds.
  const pagerLabel = `pager-${randomUUID().slice(0, 6)}`;
  // The front desk books for this patient; the calendar doctor's hours hold another's appointment.
  const deskLabel = `desk-${randomUUID().slice(0, 6)}`;
  const calendarLabel = `calendar-patient-${randomUUID().slice(0, 6)}`;
  let deskPatient: TestUser;
  let deskDoctor: CreatedDoctor;
  let calendarDoctor: CreatedDoctor;
  let calendarAppointment: Awaited<ReturnType<typeof bookThroughGateway>>;

  before(async () => {
    browser = await launchBrowser();
    [future, promoted, busyDoctor, specialization, deletable] = await Promise.all([
      registerPatient('future-doctor'),
      registerPatient('promoted'),
      createDoctor(),
      createSpecialization(),
      registerPatient(`deletable-${randomUUID().slice(0, 6)}`),
      createCabinet(),
    ]);
    for (let i = 0; i < 21; i += 7) await Promise.all(Array.from({ length: 7 }, () => registerPatient(pagerLabel)));
    const [slot] = await freeSlots(busyDoctor.doctor.id, 1);
    await bookThroughGateway(await registerPatient('busy'), busyDoctor.doctor.id, slot!);
    [deskPatient, deskDoctor, calendarDoctor] = await Promise.all([registerPatient(deskLabel), createDoctor(), createDoctor()]);
    const [calendarSlot] = await freeSlots(calendarDoctor.doctor.id, 1);
    calendarAppointment = await bookThroughGateway(await registerPatient(calendarLabel), calendarDoctor.doctor.id, calendarSlot!);
    ({ page } = await newSession(browser));
    const admin = testStack().keycloak.demoAdmin;
    await logIn(page, admin.username, admin.password, '/admin/specializations');
  });
  after(async () => browser?.close());

  it('creates a specialization', async () => {
    await page.getByRole('heading', { level: 2, name: 'Specializări' }).waitFor();
    await page.getByLabel('Nume').fill(name);
    await page.getByLabel('Descriere').fill('Made in the browser');
    await page.getByRole('button', { name: 'Adaugă: specializare' }).click();
    await page.getByText(name).waitFor();
    await assertAccessible(page, 'admin specializations');
    await screenshot(page, 'admin-specializations');
  });

  it('adds a cabinet and changes its location', async () => {
    await page.getByRole('link', { name: 'Cabinete' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cabinete' }).waitFor();
    await page.getByLabel('Nume', { exact: true }).fill(cabinetName);
    await page.getByLabel('Locație').fill('East wing');
    await page.getByLabel('Etaj').fill('2');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/cabinets') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Adaugă: cabinet' }).click();
    cabinet = await (await created).json();
    const row = page.locator('.list li').filter({ hasText: cabinetName });
    await row.getByText('East wing, etajul 2').waitFor();
    await assertAccessible(page, 'admin cabinets');
    await screenshot(page, 'admin-cabinets');

    await row.getByRole('button', { name: `Modifică ${cabinetName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Modifică ${cabinetName}` });
    await dialog.getByLabel('Locație').fill('West wing');
    await dialog.getByLabel('Etaj').fill('3');
    await assertAccessible(page, 'cabinet edit dialog');
    await dialog.getByRole('button', { name: 'Salvează' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('West wing, etajul 3').waitFor();
    const stored = await http(api(`/cabinets/${cabinet.id}`));
    assert.deepEqual([stored.body.name, stored.body.location, stored.body.floor], [cabinetName, 'West wing', 3]);
  });

  it('makes a doctor of a user, and explains why a doctor with appointments cannot be deleted', async () => {
    await page.getByRole('link', { name: 'Medici' }).click();
    await page.getByRole('heading', { level: 2, name: 'Medici' }).waitFor();
    await page.getByLabel('Din utilizatorul').selectOption({ label: `Test future-doctor <${future.email}>` });
    await page.getByLabel('Specializare').selectOption({ label: specialization.name });
    await page.getByLabel('Cabinet sau locație').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Creează medicul' }).click();
    await page.getByText('Medic creat.').waitFor();
    const doctors = await http(api(`/doctors?specialization_id=${specialization.id}`));
    assert.deepEqual(
      doctors.body.items.map((d: { user_id: string }) => d.user_id),
      [future.id],
    );
    await assertAccessible(page, 'admin doctors');
    await screenshot(page, 'admin-doctors');

    await page
      .locator(`li[data-id="${busyDoctor.doctor.id}"]`)
      .getByRole('button', { name: /^Șterge/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Șterge' }).click();
    await dialog.getByText('Medicul are programări viitoare').waitFor();
    // The appointment in the way, with its patient.
    await dialog.getByRole('list', { name: 'Programări afectate' }).getByText('Test busy').waitFor();
    await assertAccessible(page, 'doctor deletion refused');
    await dialog.getByRole('button', { name: 'Înapoi' }).click();
  });

  it('moves a doctor to another cabinet and changes their experience', async () => {
    const row = page.locator(`li[data-id="${busyDoctor.doctor.id}"]`);
    await row.getByRole('button', { name: `Modifică ${busyDoctor.doctor.full_name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Modifică ${busyDoctor.doctor.full_name}` });
    await dialog.getByLabel('Cabinet sau locație').selectOption({ label: `${cabinetName} — West wing` });
    await dialog.getByLabel('Ani de experiență').fill('12');
    await assertAccessible(page, 'doctor edit dialog');
    await dialog.getByRole('button', { name: 'Salvează' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText(cabinetName).waitFor();
    const stored = await http(api(`/doctors/${busyDoctor.doctor.id}`));
    assert.deepEqual([stored.body.cabinet.id, stored.body.years_experience], [cabinet.id, 12]);
  });

  it('edits a doctor’s weekly hours on the doctor’s own page', async () => {
    await page.locator(`li[data-id="${busyDoctor.doctor.id}"]`).getByRole('link', { name: busyDoctor.doctor.full_name }).click();
    await page.getByRole('heading', { level: 2, name: busyDoctor.doctor.full_name }).waitFor();
    await page.locator('table.table tbody tr').first().waitFor();
    await page.getByText('Niciun concediu planificat.').waitFor();
    await assertAccessible(page, 'admin doctor calendar');
    const form = page.getByRole('form', { name: 'Adaugă interval' });
    await form.getByLabel('Ziua').selectOption({ label: 'Sâmbătă' });
    await form.getByLabel('De la').fill('06:00');
    await form.getByLabel('Până la').fill('08:00');
    await form.getByRole('button', { name: 'Adaugă interval' }).click();
    const remove = page.getByRole('button', { name: 'Elimină Sâmbătă 06:00–08:00' });
    await remove.waitFor();
    const schedule = await http(api(`/doctors/${busyDoctor.doctor.id}/schedule`));
    assert.ok(schedule.body.entries.some((e: { weekday: number; start_time: string }) => e.weekday === 6 && e.start_time === '06:00'));
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Medici', exact: true }).first().click();
  });

  it('searches users on the server and pages through the matches', async () => {
    await page.getByRole('link', { name: 'Utilizatori' }).click();
    await page.getByLabel('Caută după nume sau email').fill(pagerLabel.toUpperCase());
    await page.getByText('21 de utilizatori').waitFor();
    const rows = page.locator('.user-row');
    assert.equal(await rows.count(), 20);
    await page.getByText('Pagina 1 din 2').waitFor();
    await page.getByRole('button', { name: 'Înainte' }).click();
    await page.getByText('Pagina 2 din 2').waitFor();
    await page.waitForFunction(() => (globalThis as Json).document.querySelectorAll('.user-row').length === 1);
    assert.match(await rows.first().innerText(), new RegExp(`Test ${pagerLabel}`));
  });

  it('deletes a user after confirming', async () => {
    await page.getByLabel('Caută după nume sau email').fill(deletable.email);
    const row = page.locator('.user-row').filter({ hasText: deletable.email });
    await row.waitFor();
    await row.getByRole('button', { name: /^Șterge / }).click();
    const dialog = page.getByRole('dialog', { name: 'Ștergi utilizatorul?' });
    await assertAccessible(page, 'delete user dialog');
    await dialog.getByRole('button', { name: 'Șterge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Niciun utilizator nu corespunde.').waitFor();
    assert.equal((await http(api(`/users/${deletable.id}`), { token: await adminToken() })).status, 404);
  });

  it('finds a user and changes their role', async () => {
    await page.getByLabel('Caută după nume sau email').fill(promoted.email);
    const row = page.locator('.user-row');
    await row.getByText(promoted.email).waitFor();
    assert.equal(await row.count(), 1);
    await row.getByLabel('Rolul lui Test promoted').selectOption('ADMIN');
    await row.getByRole('button', { name: 'Schimbă rolul' }).click();
    await row.getByText('Rol schimbat').waitFor();
    const user = await http(api(`/users/${promoted.id}`), { token: await adminToken() });
    assert.equal(user.body.role, 'ADMIN');
    await assertAccessible(page, 'admin users');
    await screenshot(page, 'admin-users');
  });

  it('filters all appointments by doctor', async () => {
    await page.getByRole('link', { name: 'Programări', exact: true }).click();
    await page.getByLabel('Medic').selectOption(busyDoctor.doctor.id);
    await page.locator('.appointment').first().waitFor();
    assert.equal(await page.locator('.appointment').count(), 1);
    await assertAccessible(page, 'admin appointments');
  });
  it('books for a patient at the front desk, and the list says the clinic booked it', async () => {
    await page.getByRole('link', { name: 'Programează un pacient' }).click();
    await page.getByRole('heading', { level: 2, name: 'Programează un pacient' }).waitFor();
    await page.getByLabel('Caută pacientul după nume sau email').fill(deskPatient.email);
    await page.getByRole('button', { name: `Alege Test ${deskLabel} (${deskPatient.email})` }).click();
    await page.getByLabel('Medic').selectOption(deskDoctor.doctor.id);
    const time = page.locator('button.time[data-slot]').first();
    await time.waitFor();
    await assertAccessible(page, 'front desk');
    await screenshot(page, 'admin-front-desk');
    const slot = (await time.getAttribute('data-slot'))!;
    await time.click();
    const dialog = page.getByRole('dialog', { name: `Programare pentru Test ${deskLabel}` });
    await dialog.getByText(`Pentru pacientul: Test ${deskLabel} (${deskPatient.email})`).waitFor();
    await assertAccessible(page, 'front desk confirm step');
    await dialog.getByRole('button', { name: 'Programează pacientul' }).click();
    const done = page.getByRole('dialog', { name: 'Programare făcută' });
    await done.getByText(`Test ${deskLabel} este programat.`).waitFor();

    const mine = await http(api('/appointments/my'), { token: deskPatient.token });
    assert.equal(mine.body.length, 1);
    assert.equal(Date.parse(mine.body[0].start_time), Date.parse(slot));
    assert.ok(mine.body[0].booked_by && mine.body[0].booked_by !== deskPatient.id, 'booked by the admin, for the patient');

    await done.getByRole('link', { name: 'Programări' }).click();
    // The front desk page has a "Medic" field too: choose the doctor only once the list has replaced it.
    await page.getByRole('heading', { level: 2, name: 'Programări', exact: true }).waitFor();
    await page.getByLabel('Medic').selectOption(deskDoctor.doctor.id);
    const card = page.locator('.appointment');
    await card.getByText(`Pacient: Test ${deskLabel}`).waitFor();
    await card.getByText('Programată de clinică pentru pacient.').waitFor();
  });

  it('removes hours over a booked appointment: lists it, asks a reason, and cancels it telling the patient', async () => {
    await page.goto(`/admin/doctors/${calendarDoctor.doctor.id}`);
    await page.getByRole('heading', { level: 2, name: calendarDoctor.doctor.full_name }).waitFor();
    const day = ['Luni', 'Marți', 'Miercuri', 'Joi', 'Vineri', 'Sâmbătă', 'Duminică'][isoWeekday(clinicDate(1)) - 1];
    const remove = page.getByRole('button', { name: `Elimină ${day} 08:00–20:00` });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Intervalul are programări' });
    await dialog.getByRole('list', { name: 'Programări afectate' }).getByText(`Test ${calendarLabel}`).waitFor();
    await assertAccessible(page, 'hours removal refused over a booking');
    const cancel = dialog.getByRole('button', { name: 'Anulează programarea și anunță pacientul' });
    await cancel.click();
    await dialog.getByText('Obligatoriu.').waitFor();
    assert.equal((await http(api(`/appointments/${calendarAppointment.id}`), { token: await adminToken() })).body.status, 'PENDING');

    await dialog.getByLabel('Motivul spus pacienților').fill('The doctor no longer consults on this day');
    await cancel.click();
    await dialog.waitFor({ state: 'detached' });
    await remove.waitFor({ state: 'detached' });
    const appointment = await http(api(`/appointments/${calendarAppointment.id}`), { token: await adminToken() });
    assert.equal(appointment.body.status, 'CANCELLED');
    const schedule = await http(api(`/doctors/${calendarDoctor.doctor.id}/schedule`));
    assert.equal(schedule.body.entries.length, 6, 'the day’s hours are gone');
  });
  it('adds time off over a booked day: lists the appointment, and cancels it with the reason', async () => {
    // The doctor no longer works tomorrow (above): the first free time is on a later day.
    const [slot] = await freeSlots(calendarDoctor.doctor.id, 1);
    const booked = await bookThroughGateway(await registerPatient(calendarLabel), calendarDoctor.doctor.id, slot!);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date(booked.start_time));
    const form = page.getByRole('form', { name: 'Adaugă concediu' });
    await form.getByLabel('De la').fill(day);
    await form.getByLabel('Până la').fill(day);
    await form.getByLabel('Motiv').fill('conference');
    await form.getByRole('button', { name: 'Adaugă concediu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zilele au programări' });
    await dialog.getByRole('list', { name: 'Programări afectate' }).getByText(`Test ${calendarLabel}`).waitFor();
    await assertAccessible(page, 'time off refused over a booking');
    await dialog.getByLabel('Motivul spus pacienților').fill('The doctor is at a conference that day');
    await dialog.getByRole('button', { name: 'Anulează programarea și anunță pacientul' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('— conference').waitFor();
    assert.equal((await http(api(`/appointments/${booked.id}`), { token: await adminToken() })).body.status, 'CANCELLED');
  });
});
