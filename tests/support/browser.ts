// A real browser for the web app's end-to-end tests: Debian's Chromium driven by playwright-core (no
// browser download), axe-core injected into pages for the accessibility checks, and screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../devstack/src/profile.ts';
import { testStack } from './stack.ts';
import type { Json } from './http.ts';

export type { Browser, BrowserContext, Page };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the networking flags Chromium reaches for Google's services, which a closed network refuses. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

/** A fresh browser profile (no cookies, no storage) on the test stack's gateway, phone-sized or desktop. */
export async function newSession(browser: Browser, options: { mobile?: boolean; language?: 'ro' | 'en' } = {}) {
  const context = await browser.newContext({
    baseURL: testStack().gatewayUrl,
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    // As a phone's browser: the page's viewport meta is honoured (without it the page would lay out 980 px wide).
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
    locale: 'ro-RO',
  });
  context.setDefaultTimeout(60_000);
  if (options.language) {
    // Runs in the page, where globalThis is the window (this file is typed for Node).
    await context.addInitScript((language) => {
      const storage = (globalThis as Json).localStorage;
      if (!storage.getItem('clinic.language')) storage.setItem('clinic.language', language);
    }, options.language);
  }
  const page = await context.newPage();
  // What the browser refused under the app's content security policy: a test expects none.
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

/** Logs in on Keycloak's own page, after the app sent the browser there; waits until back in the app. */
export async function logInOnKeycloak(page: Page, username: string, password: string) {
  // Keycloak's first pages after a start are slow to render (templates compile on first use).
  const timeout = 120_000;
  await page.waitForURL(/\/auth\/realms\/clinic\/protocol\/openid-connect\/auth/, { timeout });
  await page.locator('#username').fill(username, { timeout });
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && !url.pathname.startsWith('/signed-in'), { timeout });
}

/** Opens the app at `path` and logs in through the header's button. */
export async function logIn(page: Page, username: string, password: string, path = '/') {
  await page.goto(path);
  // A page for logged-in users sends the browser to Keycloak by itself; a public one waits for the button.
  const button = page.getByRole('button', { name: /^(Autentificare|Log in)$/ });
  const onKeycloak = page.waitForURL(/openid-connect\/auth/).then(() => true);
  if (!(await Promise.race([onKeycloak, button.waitFor().then(() => false)]))) {
    await button.click({ timeout: 5_000 }).catch(() => undefined);
  }
  await logInOnKeycloak(page, username, password);
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses an injected <script>.
  await page.evaluate(readFileSync(axeSource, 'utf8'));
  const violations = await page.evaluate(async () => {
    const page = globalThis as Json;
    const result: { violations: AxeViolation[] } = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Describes violations for an assertion message. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');

/** Fails with the violations listed when axe-core finds a serious or critical one on the page as it is now. */
export async function assertAccessible(page: Page, what: string) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${what}:\n${describeViolations(violations)}`);
}

/**
 * Fails when the page is wider than the window (a sideways scroll on a phone), naming the elements
 * that reach past its right edge.
 */
export async function assertNoHorizontalOverflow(page: Page, what: string) {
  const found = await page.evaluate(() => {
    const document = (globalThis as Json).document;
    const root = document.documentElement;
    const width: number = root.clientWidth;
    const past = [...document.body.querySelectorAll('*')]
      .filter((element: Json) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .slice(0, 8)
      .map((element: Json) => {
        const classes =
          typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        return `${element.tagName.toLowerCase()}${classes} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
      });
    return { scrollWidth: root.scrollWidth as number, clientWidth: width, past };
  });
  assert.ok(
    found.scrollWidth <= found.clientWidth,
    `${what}: ${found.scrollWidth} px wide in a ${found.clientWidth} px window; past the edge: ${found.past.join(', ') || 'none found'}`,
  );
}

/**
 * Saves a screenshot of the page as docs/screenshots/<name>.png when CLINIC_SCREENSHOTS=1 (the README
 * shows them), in the stack's state folder otherwise, so a normal test run leaves the repository alone.
 * The whole page unless `fullPage: false` (a phone's long week: what the screen shows).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const dir = process.env.CLINIC_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(testStack().stateDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? true });
}

/**
 * Opens a link Keycloak emailed (verify the address, reset the password) in the page; Keycloak may first
 * ask to confirm with a link of its own (a browser without the flow's session), which is followed.
 */
export async function openKeycloakLink(page: Page, link: string) {
  await page.goto(link);
  const proceed = page.locator('a[href*="login-actions/action-token"]');
  if ((await proceed.count()) > 0) await proceed.first().click();
}
