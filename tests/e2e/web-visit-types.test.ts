import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, launchBrowser, logIn, newSession, screenshot, type Browser } from '../support/browser.ts';
import { clinicDate, createDoctor, doctorService, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, passwordToken, PASSWORD, registerPatient } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

const WORDS = {
  ro: {
    legend: 'Tipul consultației',
    consultation: 'Consultație inițială',
    chooseFirst: 'Alegeți tipul consultației pentru a vedea orele libere.',
    confirmTitle: 'Confirmă programarea',
    confirm: 'Programează',
    bookedTitle: 'Programare făcută',
    mine: 'Programările mele',
    line: 'Consultație: Consultație inițială',
  },
  en: {
    legend: 'Type of visit',
    consultation: 'First consultation',
    chooseFirst: 'Choose the type of visit to see its free times.',
    confirmTitle: 'Confirm the appointment',
    confirm: 'Book',
    bookedTitle: 'Appointment booked',
    mine: 'My appointments',
    line: 'Visit: First consultation',
  },
};

describe('web app: a patient chooses a visit type and books one of its times', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;
  let consultationId: string;

  before(async () => {
    browser = await launchBrowser();
    doctor = await createDoctor({ label: 'web-visit-types' });
    const token = await adminToken();
    const add = async (body: Record<string, unknown>) => {
      const answer = await http(doctorService(`/doctors/${doctor.doctor.id}/visit-types`), { method: 'POST', token, body });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.id as string;
    };
    consultationId = await add({
      name_ro: 'Consultație inițială',
      name_en: 'First consultation',
      duration_minutes: 60,
      price_text: '300 lei',
    });
    await add({ name_ro: 'Control', name_en: 'Follow-up', duration_minutes: 20 });
    await add({ name_ro: 'Procedură', name_en: 'Procedure', duration_minutes: 90, online_bookable: false });
  });
  after(async () => browser?.close());

  it('names the specialization in English in the doctor search where the clinic wrote an English name', async () => {
    const token = await adminToken();
    const named = await http(doctorService(`/specializations/${doctor.doctor.specialization.id}`), {
      method: 'PUT',
      token,
      body: { name_en: 'Visit-type medicine' },
    });
    assert.equal(named.status, 200, JSON.stringify(named.body));
    for (const [language, shown] of [
      ['en', 'Visit-type medicine'],
      ['ro', doctor.doctor.specialization.name],
    ] as const) {
      const { page } = await newSession(browser, { language });
      await page.goto(`/?name=${encodeURIComponent(doctor.doctor.full_name)}`);
      // The card's first muted line is the specialization (the next free times follow once loaded).
      const card = page.locator('li.doctor-card').filter({ hasText: doctor.doctor.full_name });
      await card.waitFor();
      assert.equal((await card.locator('p.muted').first().textContent())?.trim(), shown, language);
      await page.context().close();
    }
  });

  for (const language of ['ro', 'en'] as const) {
    const words = WORDS[language];

    it(`shows the 60-minute visit’s own free times and books one (${language})`, async () => {
      // The app follows the account's language once logged in: the patient's is the language under test.
      const patient = await registerPatient(`web-visit-${language}`, undefined, { language });
      const { page } = await newSession(browser, { language });
      await logIn(page, patient.email, PASSWORD, `/doctors/${doctor.doctor.id}`);
      const picker = page.getByRole('group', { name: words.legend });
      await picker.waitFor();
      await page.getByText(words.chooseFirst).waitFor();
      assert.equal(await page.locator('button.time[data-slot]').count(), 0, 'no times before a visit type is chosen');
      assert.equal(await picker.getByRole('radio').count(), 2, 'the front desk’s procedure is not offered online');
      await assertAccessible(page, `visit type choice (${language})`);

      await picker.getByRole('radio', { name: new RegExp(words.consultation) }).check();
      await page.locator('button.time[data-slot]').first().waitFor();
      // The page offers exactly the 60-minute visit's free times of the week (tomorrow on: today's pass by the minute).
      const tomorrow = clinicDate(1);
      const shown = (
        await page.locator('button.time[data-slot]').evaluateAll((buttons) => buttons.map((b) => (b as Json).dataset.slot as string))
      ).filter((start) => start.slice(0, 10) >= tomorrow);
      const week = await http(
        api(`/doctors/${doctor.doctor.id}/availability?from=${clinicDate(0)}&days=7&visit_type_id=${consultationId}`),
      );
      const offered = (week.body.dates as Array<{ slots: Array<{ start: string; end: string }> }>)
        .flatMap((day) => day.slots)
        .filter((slot) => slot.start.slice(0, 10) >= tomorrow);
      assert.deepEqual(
        shown,
        offered.map((slot) => slot.start),
      );
      assert.ok(offered.every((slot) => Date.parse(slot.end) - Date.parse(slot.start) === 60 * 60_000));
      await assertAccessible(page, `visit type times (${language})`);
      await screenshot(page, `visit-type-times-${language}`);

      const slot = shown.at(language === 'ro' ? -1 : -3)!;
      await page.locator(`button.time[data-slot="${slot}"]`).click();
      const dialog = page.getByRole('dialog', { name: words.confirmTitle });
      await dialog.waitFor();
      assert.ok((await dialog.textContent())!.includes(`${words.consultation}, 60 min`), 'the dialog names the visit type and its length');
      await assertAccessible(page, `visit type confirm (${language})`);
      await dialog.getByRole('button', { name: words.confirm }).click();
      await page.getByRole('dialog', { name: words.bookedTitle }).waitFor();

      const mine = await http(api('/appointments/my'), { token: await passwordToken(patient.email, PASSWORD) });
      assert.equal(mine.body.length, 1);
      assert.equal(Date.parse(mine.body[0].start_time), Date.parse(slot));
      assert.equal(Date.parse(mine.body[0].end_time) - Date.parse(slot), 60 * 60_000, 'booked for the visit type’s 60 minutes');
      assert.equal(mine.body[0].visit_type_id, consultationId);

      await page.getByRole('dialog').getByRole('link', { name: words.mine }).click();
      await page.getByRole('heading', { level: 1, name: words.mine }).waitFor();
      await page.locator('.appointment').getByText(words.line).waitFor();
      await assertAccessible(page, `appointments with a visit type (${language})`);
      await page.context().close();
    });
  }

  it('lets the front desk book a visit type not offered online, for its whole length', async () => {
    const patient = await registerPatient('web-visit-desk');
    const { page } = await newSession(browser, { language: 'ro' });
    const { demoAdmin } = testStack().keycloak;
    await logIn(page, demoAdmin.username, demoAdmin.password, '/admin/book');
    await page.getByLabel('Caută pacientul după nume sau email').fill(patient.email);
    await page.getByRole('button', { name: new RegExp(`\\(${patient.email.replace(/[.]/g, '\\.')}\\)`) }).click();
    await page.getByLabel('Medic').selectOption(doctor.doctor.id);
    const picker = page.getByRole('group', { name: WORDS.ro.legend });
    await picker.getByRole('radio', { name: /Procedură/ }).waitFor();
    assert.equal(await picker.getByRole('radio').count(), 3, 'the front desk sees the procedure too');
    await picker.getByRole('radio', { name: /Procedură/ }).check();
    const time = page.locator('button.time[data-slot]').last();
    await time.waitFor();
    await assertAccessible(page, 'front desk visit types');
    const slot = (await time.getAttribute('data-slot'))!;
    await time.click();
    const dialog = page.getByRole('dialog', { name: /Programare pentru/ });
    await dialog.getByText('Procedură, 90 min').waitFor();
    await dialog.getByRole('button', { name: 'Programează pacientul' }).click();
    await page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();
    const mine = await http(api('/appointments/my'), { token: await passwordToken(patient.email, PASSWORD) });
    assert.equal(mine.body.length, 1);
    assert.equal(Date.parse(mine.body[0].end_time) - Date.parse(slot), 90 * 60_000);
    assert.equal(mine.body[0].visit_type_name_ro, 'Procedură');
    await page.context().close();
  });
});
