// Acting from an appointment email in the browser, without logging in: the links are read out of the
// emails in Mailpit, as a patient would click them; in Romanian and in English, axe clean, at 390 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertAccessible,
  assertNoHorizontalOverflow,
  launchBrowser,
  newSession,
  screenshot,
  type Browser,
  type Page,
} from '../support/browser.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { linkIn, tokenOfLink } from '../support/email-links.ts';
import { http } from '../support/http.ts';
import type { TestUser } from '../support/identity.ts';
import { waitForMails } from '../support/mail.ts';
import { bookThroughGateway, emailTimes, eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';

describe('web app: acting on an appointment from its emails', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;

  before(async () => {
    browser = await launchBrowser();
    doctor = await createDoctor({ schedule: ALL_WEEK });
  });
  after(async () => browser?.close());

  describe('in Romanian', () => {
    let patient: TestUser;
    let page: Page;
    let booked: Record<string, unknown>;
    let cancelLink: string;

    before(async () => {
      patient = await registerNamedPatient('Elena Dumitrescu');
      ({ page } = await newSession(browser));
      const [slot] = await slotsOn(doctor.doctor.id, 3);
      booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    });

    it('opens the booking email’s reschedule link and moves the appointment to another free time', async () => {
      const [created] = await waitForMails(patient.email, [/^Programare înregistrată/]);
      const link = linkIn(created!.Text, 'Mutați programarea');
      assert.ok(link?.endsWith('?do=reschedule'), created!.Text);
      await page.goto(link!);
      await page.getByRole('heading', { level: 1, name: 'Programarea dumneavoastră' }).waitFor();
      assert.match((await page.getByTestId('link-status').textContent())!, /în așteptarea confirmării/);
      // The link asked for a new time: the doctor's free times are open at once.
      const picker = page.getByRole('dialog', { name: `Alegeți o oră nouă la ${doctor.doctor.full_name}` });
      const time = picker.locator(`button.time[data-slot]:not([data-slot="${String(booked.start_time)}"])`).last();
      await time.waitFor();
      await assertAccessible(page, 'reschedule from a link');
      const start = (await time.getAttribute('data-slot'))!;
      await time.click();
      const confirm = page.getByRole('dialog', { name: 'Mutați programarea la această oră?' });
      await confirm.getByRole('button', { name: 'Mutați programarea' }).click();
      await confirm.getByText(/Gata: programarea a fost mutată/).waitFor();
      const moved = await eventually('the appointment moved', async () => {
        const answer = await http(gateway(`/appointments/${String(booked.id)}`), { token: patient.token });
        return new Date(answer.body.start_time).getTime() === new Date(start).getTime() ? answer.body : undefined;
      });
      assert.equal(moved.status, 'PENDING');
    });

    it('cancels from the move’s email after a confirmation, and says clearly it is cancelled; the link then is spent', async () => {
      const [updated] = await waitForMails(patient.email, [/^Programare mutată/]);
      const link = linkIn(updated!.Text, 'Anulați programarea');
      assert.ok(link?.endsWith('?do=cancel'), updated!.Text);
      cancelLink = link!;
      await page.goto(link!);
      const dialog = page.getByRole('dialog', { name: 'Anulați programarea?' });
      await dialog.waitFor();
      await assertAccessible(page, 'cancel from a link');
      await dialog.getByRole('button', { name: 'Da, anulați' }).click();
      await page.getByRole('status').getByText('Programarea a fost anulată.', { exact: false }).waitFor();
      await page.getByTestId('link-status').filter({ hasText: 'anulată' }).waitFor();
      await assertAccessible(page, 'cancelled by link');
      await eventually('cancelled', async () =>
        (await http(gateway(`/appointments/${String(booked.id)}`), { token: patient.token })).body.status === 'CANCELLED'
          ? true
          : undefined,
      );
    });

    it('refuses the cancel link used again, and offers no change on its page any more', async () => {
      const again = await http(gateway(`/appointments/links/${tokenOfLink(cancelLink)}/cancel`), { method: 'POST' });
      assert.equal(again.status, 410);
      assert.equal(again.body.error.code, 'LINK_USED');
      await page.goto(cancelLink);
      await page.getByText('Programarea nu mai poate fi schimbată online', { exact: false }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Anulați programarea' }).count(), 0);
    });

    it('serves the PDF through the booking email’s PDF link', async () => {
      const [created] = await waitForMails(patient.email, [/^Programare înregistrată/]);
      const pdf = linkIn(created!.Text, 'Documentul PDF al programării')!;
      const answer = await eventually('the PDF', async () => {
        const response = await fetch(pdf);
        return response.status === 200 ? response : undefined;
      });
      assert.equal(answer.headers.get('content-type'), 'application/pdf');
      assert.equal(
        Buffer.from(await answer.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
    });
  });

  it('in English, on a phone: the booking email’s view link shows the appointment and cancels it', async () => {
    const patient = await registerNamedPatient('Jane Miller', 'en');
    const [slot] = await slotsOn(doctor.doctor.id, 4);
    await bookThroughGateway(patient, doctor.doctor.id, slot!);
    const [created] = await waitForMails(patient.email, [new RegExp(`^Appointment booked: .*${emailTimes(slot!, 'en')}`)]);
    const link = linkIn(created!.Text, 'See the appointment (no login needed)')!;
    // A Romanian browser: the page speaks the email's language all the same.
    const { page } = await newSession(browser, { mobile: true });
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor();
    const startTime = emailTimes(slot!, 'en').split(', ').at(-1)!.split('–')[0]!;
    await page.getByTestId('link-time').filter({ hasText: startTime }).waitFor();
    await page.getByRole('link', { name: 'Open the appointment’s PDF' }).or(page.getByText('being prepared')).first().waitFor();
    await assertAccessible(page, 'appointment by link, English');
    await screenshot(page, 'phone-email-link', { fullPage: false });
    await assertNoHorizontalOverflow(page, 'appointment by link at 390 px');
    await page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await page.getByRole('dialog', { name: 'Cancel the appointment?' }).getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByRole('status').getByText('Your appointment is cancelled.', { exact: false }).waitFor();
    await assertAccessible(page, 'cancelled by link, English');
  });
});
