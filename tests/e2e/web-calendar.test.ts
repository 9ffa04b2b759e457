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
import { freeSlots } from '../support/booking.ts';
import { CLINIC_TIME_ZONE, clinicDate, createDoctor, createSpecialization, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { registerPatient, type TestUser } from '../support/identity.ts';
import { bookThroughGateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** The clinic's wall clock of an instant: its date, hour and minute. */
function clinicClock(instant: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: CLINIC_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

const hhmm = (instant: string) => {
  const { hour, minute } = clinicClock(instant);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/**
 * Checks a block sits on the time axis where its start is and is as tall as its duration: its top
 * against the column's hour line, its height against the distance between two hour lines.
 */
async function assertBlockAt(page: Page, appointment: Record<string, Json>) {
  const block = page.locator(`.calendar-block[data-appointment="${appointment.id}"]`);
  await block.waitFor();
  const { hour, minute } = clinicClock(appointment.start_time);
  const column = block.locator('xpath=ancestor::section[contains(@class, "calendar-col")]');
  const [line, next, box] = await Promise.all([
    column.locator(`.calendar-line[data-hour="${hour}"]`).boundingBox(),
    column.locator(`.calendar-line[data-hour="${hour + 1}"]`).boundingBox(),
    block.boundingBox(),
  ]);
  assert.ok(line && next && box, 'the block and the hour lines are laid out');
  const hourHeight = next.y - line.y;
  const minutes = (Date.parse(appointment.end_time) - Date.parse(appointment.start_time)) / 60_000;
  assert.ok(Math.abs(box.y - (line.y + (minute / 60) * hourHeight)) <= 2, `block top ${box.y}, the ${hour}:${minute} line ${line.y}`);
  assert.ok(Math.abs(box.height - (minutes / 60) * hourHeight) <= 2, `block height ${box.height} for ${minutes} minutes`);
  assert.ok((await block.textContent())!.includes(`${hhmm(appointment.start_time)}–${hhmm(appointment.end_time)}`));
}

describe('web app: the doctor’s calendar and the clinic’s day', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;
  let colleague: CreatedDoctor;
  let patient: TestUser;
  let booked: Record<string, Json>;
  let cancelled: Record<string, Json>;
  let colleagues: Record<string, Json>;
  let day: string;
  const offDay = clinicDate(3);
  const label = randomUUID().slice(0, 6);

  before(async () => {
    browser = await launchBrowser();
    const specialization = await createSpecialization({ name: `Calendar ${label}` });
    [doctor, colleague, patient] = await Promise.all([
      createDoctor({
        label: `calendar-a-${label}`,
        specializationId: specialization.id,
        timeOff: [{ start_date: offDay, end_date: offDay, reason: 'Congres' }],
      }),
      createDoctor({ label: `calendar-b-${label}`, specializationId: specialization.id }),
      registerPatient(`calendar-${label}`),
    ]);
    const [first, , third] = await freeSlots(doctor.doctor.id, 3);
    booked = await bookThroughGateway(patient, doctor.doctor.id, first!);
    cancelled = await bookThroughGateway(patient, doctor.doctor.id, third!);
    const answer = await http(api(`/appointments/${cancelled.id}/cancel`), { method: 'PUT', token: patient.token, body: {} });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [colleagueSlot] = await freeSlots(colleague.doctor.id, 1);
    colleagues = await bookThroughGateway(await registerPatient(`calendar-other-${label}`), colleague.doctor.id, colleagueSlot!);
    day = clinicClock(booked.start_time).date;
  });
  after(async () => browser?.close());

  it('shows a doctor the day as a calendar: the appointment a block at its time, cancelled ones only when asked for', async () => {
    const { page, cspViolations } = await newSession(browser);
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${day}`);
    await page.getByRole('heading', { level: 1, name: 'Agendă' }).waitFor();
    await assertBlockAt(page, booked);
    assert.equal(await page.locator('.calendar-col').count(), 1);
    assert.equal(await page.locator(`.calendar-block[data-appointment="${cancelled.id}"]`).count(), 0, 'cancelled hidden');
    assert.ok((await page.locator('.calendar-working').count()) > 0, 'working hours shaded');
    await assertAccessible(page, 'calendar, day');
    await screenshot(page, 'doctor-calendar-day');

    await page.getByLabel('Arată programările anulate').check();
    const shown = page.locator(`.calendar-block[data-appointment="${cancelled.id}"]`);
    await shown.getByText('Anulată').waitFor();
    await assertBlockAt(page, cancelled);
    await page.getByLabel('Arată programările anulate').uncheck();
    await shown.waitFor({ state: 'detached' });
    assert.deepEqual(cspViolations, [], 'the blocks’ positions are set within the content security policy');
  });

  it('shows the week: seven columns, the block on its day, the time off marked', async () => {
    const { page } = await newSession(browser);
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${day}`);
    await page.getByRole('button', { name: 'Săptămână' }).click();
    await page.locator('.calendar-col').nth(6).waitFor();
    assert.equal(await page.locator('.calendar-col').count(), 7);
    await assertBlockAt(page, booked);
    const blockDay = page.locator('.calendar-col').filter({ has: page.locator(`[data-appointment="${booked.id}"]`) });
    assert.equal(await blockDay.count(), 1);
    await assertAccessible(page, 'calendar, week');
    await screenshot(page, 'doctor-calendar-week');

    await page.goto(`/agenda?view=day&date=${offDay}`);
    await page.getByText('Concediu: Congres').waitFor();
    await assertAccessible(page, 'calendar, a day off');
  });

  it('fits a phone: the day as a calendar, the week as a list of days', async () => {
    const { page } = await newSession(browser, { mobile: true });
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${day}`);
    await assertBlockAt(page, booked);
    await assertNoHorizontalOverflow(page, 'calendar day on a phone');
    await assertAccessible(page, 'calendar day on a phone');
    await screenshot(page, 'phone-calendar-day', { fullPage: false });

    await page.getByRole('button', { name: 'Săptămână' }).click();
    await page.locator(`#appointment-${booked.id}`).waitFor();
    assert.equal(await page.locator('.calendar-week').isVisible(), false, 'the week collapses to the day list');
    await assertNoHorizontalOverflow(page, 'calendar week on a phone');
    await assertAccessible(page, 'calendar week on a phone');
  });

  it('speaks English', async () => {
    // The language saved with the profile wins over the browser's at login.
    const saved = await http(api('/users/me'), { method: 'PUT', token: doctor.user.token, body: { language: 'en' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const { page } = await newSession(browser, { language: 'en' });
    await logIn(page, doctor.user.email, doctor.user.password, `/agenda?view=week&date=${day}`);
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await assertBlockAt(page, booked);
    await page.getByLabel('Show cancelled appointments').check();
    await page.locator(`.calendar-block[data-appointment="${cancelled.id}"]`).getByText('Cancelled').waitFor();
    await page.goto(`/agenda?view=day&date=${offDay}`);
    await page.getByText('Time off: Congres').waitFor();
    await assertAccessible(page, 'calendar in English');
  });

  it('shows the front desk every doctor of a specialization side by side for one day', async () => {
    const { page } = await newSession(browser);
    const admin = testStack().keycloak.demoAdmin;
    await logIn(page, admin.username, admin.password, '/admin/day');
    await page.getByRole('heading', { level: 2, name: 'Ziua clinicii' }).waitFor();
    await page.getByLabel('Data').fill(day);
    await page.getByLabel('Specializare').selectOption({ label: `Calendar ${label}` });
    const columns = page.locator('.calendar-col');
    await page.waitForFunction(() => (globalThis as Json).document.querySelectorAll('.calendar-col').length === 2);
    assert.deepEqual(await columns.locator('.calendar-col-title').allTextContents(), [
      `Test calendar-a-${label}`,
      `Test calendar-b-${label}`,
    ]);
    await assertBlockAt(page, booked);
    await assertBlockAt(page, colleagues);
    assert.equal(await page.locator(`.calendar-block[data-appointment="${cancelled.id}"]`).count(), 0);
    await page.getByLabel('Arată programările anulate').check();
    await page.locator(`.calendar-block[data-appointment="${cancelled.id}"]`).waitFor();
    await assertAccessible(page, 'the clinic’s day');
    await screenshot(page, 'admin-clinic-day');
  });

  it('tells a patient plainly that the cancellation went through', async () => {
    const { page } = await newSession(browser);
    await logIn(page, patient.email, patient.password, '/appointments');
    const card = page.locator(`#appointment-${booked.id}`);
    await card.getByRole('button', { name: 'Anulează programarea' }).click();
    await page.getByRole('dialog', { name: 'Anulezi programarea?' }).getByRole('button', { name: 'Da, anulează' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Programare anulată.' });
    await status.waitFor();
    assert.ok((await status.textContent())!.includes(doctor.doctor.full_name));
    await assertAccessible(page, 'the cancellation’s confirmation');
    await status.getByRole('link', { name: 'O găsești în istoric' }).click();
    await page.locator(`#appointment-${booked.id}`).getByText('Anulată').waitFor();
  });

  it('has a favicon the page links and the gateway serves', async () => {
    const { page } = await newSession(browser);
    await page.goto('/');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.equal(href, '/favicon.svg');
    const icon = await fetch(`${testStack().gatewayUrl}${href}`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await icon.text(), /<svg/);
  });
});
