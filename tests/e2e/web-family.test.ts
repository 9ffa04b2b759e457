// A patient books for their child in the browser: the child added under Family in the profile, the
// booking made for them with a reason, seen under My appointments (in Romanian), and the doctor's
// agenda showing whom it is for and why (in English); every page axe clean.
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
import { ALL_WEEK, CLINIC_TIME_ZONE, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { passwordToken, registerPatient, type TestUser } from '../support/identity.ts';
import { mailsTo, readMail } from '../support/mail.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const CHILD = `Ioana Test ${randomUUID().slice(0, 4)}`;
const REASON = 'Febră și tuse de trei zile';

async function speaksEnglish(user: TestUser) {
  const token = await passwordToken(user.email, user.password);
  assert.equal((await http(gateway('/users/me'), { method: 'PUT', token, body: { language: 'en' } })).status, 200);
}

describe('web app: booking for a family member, with a reason for the visit', () => {
  let browser: Browser;
  let page: Page;
  let doctor: CreatedDoctor;
  let parent: TestUser;
  let booked: Json;

  before(async () => {
    browser = await launchBrowser();
    [doctor, parent] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK, label: `family-doctor-${randomUUID().slice(0, 6)}` }),
      registerPatient('web-family'),
    ]);
    ({ page } = await newSession(browser));
  });
  after(async () => browser?.close());

  it('adds a child under Family in the profile, refusing a birth date ahead (Romanian)', async () => {
    await logIn(page, parent.email, parent.password, '/profile');
    const family = page.getByRole('region', { name: 'Familie' });
    await family.waitFor();
    await family.getByText('Niciun membru al familiei încă.').waitFor();
    await family.getByRole('button', { name: 'Adaugă un membru al familiei' }).click();
    const form = family.getByRole('form', { name: 'Membru nou al familiei' });
    await form.getByLabel('Nume complet').fill(CHILD);
    await form.getByLabel('Data nașterii').fill('2999-01-01');
    await form.getByLabel('Relația').selectOption({ label: 'copil' });
    await form.getByRole('button', { name: 'Salvează' }).click();
    await form.getByText('Data nașterii nu poate fi în viitor.').waitFor();
    await form.getByLabel('Data nașterii').fill('2019-05-04');
    await form.getByRole('button', { name: 'Salvează' }).click();
    const member = family.locator('.family-member', { hasText: CHILD });
    await member.waitFor();
    assert.match(await member.innerText(), /copil · născut\(ă\) la 4 mai 2019/);
    await assertAccessible(page, 'profile with a family member');
    await screenshot(page, 'profile-family');
  });

  it('books for the child with a reason; My appointments shows whom it is for and why', async () => {
    await page.goto(`/doctors/${doctor.doctor.id}`);
    const time = page.locator('button.time[data-slot]').last();
    await time.click();
    const dialog = page.getByRole('dialog', { name: 'Confirmă programarea' });
    await dialog.waitFor();
    await dialog.getByLabel('Pentru cine').selectOption({ label: `${CHILD} (copil)` });
    await dialog.getByLabel('Motivul vizitei (opțional)').fill(`  ${REASON} `);
    await assertAccessible(page, 'confirm dialog for a family member');
    await screenshot(page, 'booking-for-family');
    await dialog.getByRole('button', { name: 'Programează' }).click();
    await page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();

    const mine = await http(gateway('/appointments/my'), { token: await passwordToken(parent.email, parent.password) });
    assert.equal(mine.body.length, 1);
    booked = mine.body[0];
    assert.deepEqual([booked.family_member_name, booked.reason], [CHILD, REASON]);

    await page.goto('/appointments');
    const card = page.locator(`#appointment-${booked.id}`);
    await card.getByText(`Pentru: ${CHILD}`).waitFor();
    await card.getByText(`Motivul: ${REASON}`).waitFor();
    await assertAccessible(page, 'my appointments with a family member’s');
    // The emails go to the parent, and none tells the reason.
    await eventually('the booking email', async () => (await mailsTo(parent.email)).length > 0);
    for (const summary of await mailsTo(parent.email)) {
      const mail = await readMail(summary.ID);
      assert.ok(!mail.Text.includes('Febră') && !mail.HTML.includes('Febră'), mail.Subject);
    }
  });

  it('shows the doctor whom it is for and the reason, in the agenda (English)', async () => {
    // The app follows the profile's language after login.
    await speaksEnglish(doctor.user);
    const doctorSession = await newSession(browser, { language: 'en' });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date(booked.start_time as string));
    await logIn(doctorSession.page, doctor.user.email, doctor.user.password, `/agenda?view=day&date=${day}`);
    const card = doctorSession.page.locator(`#appointment-${booked.id}`);
    await card.getByText(`For: ${CHILD}`).waitFor();
    await card.getByText(`Reason: ${REASON}`).waitFor();
    const block = doctorSession.page.locator(`[data-appointment="${booked.id}"]`);
    assert.match(await block.innerText(), new RegExp(CHILD));
    await assertAccessible(doctorSession.page, 'doctor agenda with a family member’s appointment');
    await screenshot(doctorSession.page, 'agenda-family');
    await doctorSession.context.close();
  });

  it('lists the family in English too', async () => {
    await speaksEnglish(parent);
    const english = await newSession(browser, { language: 'en' });
    await logIn(english.page, parent.email, parent.password, '/profile');
    const family = english.page.getByRole('region', { name: 'Family' });
    const member = family.locator('.family-member', { hasText: CHILD });
    await member.waitFor();
    assert.match(await member.innerText(), /child · born 4 May 2019/);
    await member.getByRole('button', { name: `Edit ${CHILD}` }).click();
    const form = family.getByRole('form', { name: 'Edit family member' });
    await form.getByLabel('Relation').selectOption({ label: 'other' });
    await form.getByRole('button', { name: 'Save' }).click();
    await family.locator('.family-member', { hasText: 'other · born' }).waitFor();
    await assertAccessible(english.page, 'profile family in English');
    await member.getByRole('button', { name: `Remove ${CHILD}` }).click();
    await family.getByText('No family members yet.').waitFor();
    // The appointment keeps the name it was booked under.
    const mine = await http(gateway('/appointments/my'), { token: await passwordToken(parent.email, parent.password) });
    assert.equal(mine.body[0].family_member_name, CHILD);
    await english.context.close();
  });

  it('lets the front desk book for a patient’s family member, with a reason for the visit', async () => {
    const token = await passwordToken(parent.email, parent.password);
    const added = await http(gateway('/users/me/family-members'), {
      method: 'POST',
      token,
      body: { full_name: `Matei ${CHILD}`, birth_date: '2016-02-02', relation: 'child' },
    });
    assert.equal(added.status, 201);
    const desk = await newSession(browser);
    const admin = testStack().keycloak.demoAdmin;
    await logIn(desk.page, admin.username, admin.password, '/admin/book');
    await desk.page.getByLabel('Caută pacientul după nume sau email').fill(parent.email);
    await desk.page.getByRole('button', { name: `Alege Test web-family (${parent.email})` }).click();
    await desk.page.getByLabel('Medic').selectOption(doctor.doctor.id);
    await desk.page.locator('button.time[data-slot]').first().click();
    const dialog = desk.page.getByRole('dialog', { name: 'Programare pentru Test web-family' });
    await dialog.getByLabel('Pentru cine').selectOption({ label: `Matei ${CHILD} (copil)` });
    await dialog.getByLabel('Motivul vizitei (opțional)').fill('Control anual');
    await assertAccessible(desk.page, 'front desk booking for a family member');
    await dialog.getByRole('button', { name: 'Programează pacientul' }).click();
    await desk.page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();
    const mine = await http(gateway('/appointments/my'), { token });
    const made = mine.body.find((a: Json) => a.family_member_name === `Matei ${CHILD}`);
    assert.ok(made, JSON.stringify(mine.body));
    assert.equal(made.reason, 'Control anual');
    await desk.context.close();
  });

  it('fits a phone’s 390 px: the profile’s Family section and the family member’s appointment', async () => {
    const phone = await newSession(browser, { mobile: true, language: 'en' });
    await logIn(phone.page, parent.email, parent.password, '/profile');
    await phone.page.getByRole('region', { name: 'Family' }).getByRole('button', { name: 'Add a family member' }).click();
    await phone.page.getByRole('form', { name: 'New family member' }).waitFor();
    await assertNoHorizontalOverflow(phone.page, 'the profile’s family on a phone');
    await phone.page.goto('/appointments');
    await phone.page.locator(`#appointment-${booked.id}`).getByText(`For: ${CHILD}`).waitFor();
    await assertNoHorizontalOverflow(phone.page, 'my appointments on a phone');
    await assertAccessible(phone.page, 'my appointments on a phone');
    await phone.context.close();
  });
});
