import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Specialization } from '@clinic/contracts';
import {
  describeViolations,
  launchBrowser,
  logIn,
  newSession,
  screenshot,
  seriousViolations,
  type Browser,
  type Page,
} from '../support/browser.ts';
import { freeSlots } from '../support/booking.ts';
import { clinicDate, createCabinet, createDoctor, createSpecialization, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

async function assertAccessible(page: Page, what: string) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${what}:\n${describeViolations(violations)}`);
}

async function book(patient: TestUser, doctorId: string, slot: { start: string; end: string }) {
  const answer = await http(api('/appointments'), {
    method: 'POST',
    token: patient.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as { id: string; start_time: string };
}

describe('web app: a doctor runs their agenda', () => {
  let browser: Browser;
  let page: Page;
  let doctor: CreatedDoctor;
  let patient: TestUser;

  before(async () => {
    browser = await launchBrowser();
    [doctor, patient] = await Promise.all([createDoctor(), registerPatient('agenda')]);
    const slots = await freeSlots(doctor.doctor.id, 2);
    for (const slot of slots) await book(patient, doctor.doctor.id, slot);
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
      const headings = [...(globalThis as any).document.querySelectorAll('.appointment h3')].map((h: any) => h.textContent);
      return !headings.includes(old);
    }, before);
  });

  it('adds and removes time off', async () => {
    await page.getByRole('link', { name: 'Program și concedii' }).first().click();
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
});

describe('web app: an admin runs the clinic', () => {
  let browser: Browser;
  let page: Page;
  const name = `Web specialization ${randomUUID().slice(0, 6)}`;
  let future: TestUser;
  let promoted: TestUser;
  let busyDoctor: CreatedDoctor;
  let specialization: Specialization;

  before(async () => {
    browser = await launchBrowser();
    [future, promoted, busyDoctor, specialization] = await Promise.all([
      registerPatient('future-doctor'),
      registerPatient('promoted'),
      createDoctor(),
      createSpecialization(),
      createCabinet(),
    ]);
    const [slot] = await freeSlots(busyDoctor.doctor.id, 1);
    await book(await registerPatient('busy'), busyDoctor.doctor.id, slot!);
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
    await dialog.getByRole('button', { name: 'Înapoi' }).click();
  });

  it('finds a user and changes their role', async () => {
    await page.getByRole('link', { name: 'Utilizatori' }).click();
    await page.getByLabel('Caută după nume, email sau telefon').fill(promoted.email);
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
});
