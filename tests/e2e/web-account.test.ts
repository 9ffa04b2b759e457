// The account as a patient meets it in the browser: Keycloak's forgot-password flow with the email read
// from Mailpit, verifying the address after registering, and Keycloak's login page in the app's language.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  assertAccessible,
  launchBrowser,
  logIn,
  logInOnKeycloak,
  newSession,
  openKeycloakLink,
  type Browser,
  type Page,
} from '../support/browser.ts';
import { createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { passwordGrant, PASSWORD, passwordToken, registerPatient, uniqueEmail } from '../support/identity.ts';
import { keycloakActionLink, mailsTo, nextMailTo, waitForMails } from '../support/mail.ts';
import { testStack } from '../support/stack.ts';

const api = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** Clicks the week's last free time on the doctor's page and confirms it; answers the dialog that follows. */
async function bookLastTime(page: Page, doctor: CreatedDoctor) {
  await page.goto(`/doctors/${doctor.doctor.id}`);
  const time = page.locator('button.time[data-slot]').last();
  await time.click();
  const dialog = page.getByRole('dialog', { name: 'Confirmă programarea' });
  await dialog.getByRole('button', { name: 'Programează' }).click();
  return dialog;
}

describe('web app: the account in the browser', () => {
  let browser: Browser;
  let doctor: CreatedDoctor;

  before(async () => {
    browser = await launchBrowser();
    doctor = await createDoctor({ label: `account-doctor-${randomUUID().slice(0, 6)}` });
  });
  after(async () => browser?.close());

  it('forgot password: from the login page, the emailed link sets a new password, which then logs in', async () => {
    const patient = await registerPatient('forgot');
    const { page } = await newSession(browser);
    await page.goto('/');
    await page.getByRole('button', { name: 'Autentificare' }).click();
    await page.waitForURL(/openid-connect\/auth/, { timeout: 120_000 });
    const seen = (await mailsTo(patient.email)).length;
    await page.locator('a[href*="reset-credentials"]').click();
    await page.locator('#username').fill(patient.email);
    await page.locator('#kc-reset-password-form [type=submit]').click();

    const link = keycloakActionLink(await nextMailTo(patient.email, seen));
    assert.ok(link.startsWith(testStack().gatewayUrl), 'the link goes through the gateway');
    await openKeycloakLink(page, link);
    const newPassword = `N3w-${randomUUID().slice(0, 12)}`;
    await page.locator('#password-new').fill(newPassword);
    await page.locator('#password-confirm').fill(newPassword);
    await page.locator('#kc-passwd-update-form [type=submit]').click();
    // Setting the password ends the login that the link started: back in the app, signed in.
    await page.getByRole('button', { name: 'Ieșire' }).waitFor({ timeout: 120_000 });

    // The new password first, logged in as every test logs in (passwordToken asks again after a 401:
    // Keycloak's brute-force protector now and then refuses a right password). A clean-clone run saw
    // the new password refused right after the old one's failure.
    assert.ok(await passwordToken(patient.email, newPassword), 'the new password logs in');
    assert.equal((await passwordGrant(patient.email, PASSWORD)).status, 401, 'the old password no longer works');
    await page.context().close();
  });

  it('verification at registration: the banner until the emailed link is followed, then booking works', async () => {
    const email = uniqueEmail('web-verify');
    const { page } = await newSession(browser);
    await page.goto('/register');
    // The hint is the realm's policy, in the app's words.
    await page
      .getByText('Cel puțin 12 caractere, cu cel puțin o literă mare, o literă mică și o cifră; diferită de adresa de email.')
      .waitFor();
    await page.getByLabel('Nume complet').fill('Web Verify');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Parolă').fill(PASSWORD);
    await page.getByRole('button', { name: 'Creează contul' }).click();
    await logInOnKeycloak(page, email, PASSWORD);

    const banner = page.locator('.banner');
    await banner.getByText(`Confirmă-ți adresa de email ${email}`, { exact: false }).waitFor();
    await assertAccessible(page, 'the unverified banner');
    const refused = await bookLastTime(page, doctor);
    await refused.getByText('Mai întâi confirmă-ți adresa de email', { exact: false }).waitFor();

    const [verification] = await waitForMails(email, [/verif/i]);
    const seen = (await mailsTo(email)).length;
    await page.keyboard.press('Escape');
    await banner.getByRole('button', { name: 'Trimite din nou emailul' }).click();
    await banner.getByText('Ți-am trimis un email nou.', { exact: false }).waitFor();
    await nextMailTo(email, seen);

    await openKeycloakLink(page, keycloakActionLink(verification!));
    // A fresh load asks Keycloak's session again: the new tokens say the address is verified.
    await page.goto('/');
    await page.getByRole('button', { name: 'Ieșire' }).waitFor();
    assert.equal(await banner.count(), 0, 'no banner once verified');

    const booked = await bookLastTime(page, doctor);
    await page.getByRole('dialog', { name: 'Programare făcută' }).waitFor();
    assert.ok(booked);
    const mine = await http(api('/appointments/my'), { token: await passwordToken(email, PASSWORD) });
    assert.equal(mine.body.length, 1);
    await page.context().close();
  });

  it('opens Keycloak’s login page in the app’s language: Romanian, then English after the switch', async () => {
    const { page } = await newSession(browser);
    await page.goto('/');
    await page.getByRole('button', { name: 'Autentificare' }).click();
    await page.waitForURL(/openid-connect\/auth\?.*ui_locales=ro/, { timeout: 120_000 });
    await page.locator('#username').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
    // (Keycloak's own Romanian spells ǎ; the clinic's theme ă.)
    await page.getByText(/Conecteaz[ăǎ]-te la contul t[ăǎ]u/).waitFor();

    await page.goto('/');
    await page.getByRole('combobox', { name: 'Limba' }).selectOption('en');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/openid-connect\/auth\?.*ui_locales=en/);
    await page.locator('#username').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByText('Sign in to your account').waitFor();

    await page.context().close();
  });
});

describe('web app: the profile’s account section', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  it('offers Change email (Keycloak’s update-email action), Download my data and Delete my account', async () => {
    const patient = await registerPatient('account-section');
    const { page } = await newSession(browser);
    await logIn(page, patient.email, patient.password, '/profile');
    await page.getByRole('heading', { name: 'Contul tău' }).waitFor();
    await assertAccessible(page, 'profile with the account section');
    await page.getByRole('button', { name: 'Șterge-mi contul' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ștergi contul definitiv?' });
    assert.equal(await dialog.getByRole('button', { name: 'Șterge contul definitiv' }).isDisabled(), true, 'not before the email is typed');
    await assertAccessible(page, 'delete account dialog');
    await page.keyboard.press('Escape');

    const toKeycloak = page.waitForRequest(/openid-connect\/auth\?.*kc_action=UPDATE_EMAIL/);
    await page.getByRole('button', { name: 'Schimbă adresa de email' }).click();
    assert.match((await toKeycloak).url(), /ui_locales=ro/);
    // Keycloak asks for the new address (its update-email action), and verifies it before it counts.
    await page.locator('#email').waitFor({ timeout: 120_000 });
    await page.context().close();
  });
});
