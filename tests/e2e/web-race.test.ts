import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
import { createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { freeSlots } from '../support/booking.ts';
import { http } from '../support/http.ts';
import { registerPatient, type TestUser } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

describe('web app: two patients race for one time in two browsers', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;
  let patients: TestUser[];
  const pages: Page[] = [];

  before(async () => {
    browser = await launchBrowser();
    [doctor, ...patients] = await Promise.all([createDoctor(), registerPatient('racer'), registerPatient('racer')]);
  });
  after(async () => browser?.close());

  it('books the time for one; tells the other it was taken and offers the nearest free times', async () => {
    const [slot] = await freeSlots(doctor.doctor.id, 1);
    const link = `/doctors/${doctor.doctor.id}?slot=${encodeURIComponent(slot!.start)}`;
    // One on a phone-sized screen, one on a desktop: the dialog works on both.
    for (const [i, patient] of patients.entries()) {
      const { page } = await newSession(browser, { mobile: i === 0 });
      await logIn(page, patient.email, patient.password, link);
      await page.getByRole('dialog', { name: 'Confirmă programarea' }).waitFor();
      pages.push(page);
    }
    await Promise.all(pages.map((page) => page.getByRole('dialog').getByRole('button', { name: 'Programează' }).click()));

    const outcome = (page: Page) =>
      Promise.race([
        page
          .getByRole('dialog', { name: 'Programare făcută' })
          .waitFor()
          .then(() => 'booked'),
        page
          .getByText('Altcineva tocmai a rezervat această oră.')
          .waitFor()
          .then(() => 'taken'),
      ]);
    const outcomes = await Promise.all(pages.map(outcome));
    assert.deepEqual([...outcomes].sort(), ['booked', 'taken']);

    const loser = pages[outcomes.indexOf('taken')]!;
    const alternatives = loser.getByRole('dialog').locator('button.time[data-slot]');
    await alternatives
      .first()
      .waitFor()
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nthe dialog said: ${await loser.getByRole('dialog').innerText()}`);
      });
    const violations = await seriousViolations(loser);
    assert.deepEqual(violations, [], describeViolations(violations));
    if (loser === pages[0]) await screenshot(loser, 'slot-taken-phone');
    const offered = await alternatives.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-slot')!));
    assert.ok(offered.length > 0 && !offered.includes(slot!.start), 'other free times are offered');
    await alternatives.first().click();
    await loser.getByRole('dialog').getByRole('button', { name: 'Programează' }).click();
    await loser.getByRole('dialog', { name: 'Programare făcută' }).waitFor();

    const taken = await http(api(`/doctors/${doctor.doctor.id}/availability?from=${slot!.start.slice(0, 10)}&days=1`));
    const free = taken.body.dates[0].slots.map((s: { start: string }) => s.start);
    assert.ok(!free.includes(slot!.start) && !free.includes(offered[0]), 'both times are now booked');
  });
});
