import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageLanguage, throttledLoginPage } from './throttled-login-page.ts';

describe('the page a browser gets when its login form is throttled', () => {
  it('follows Keycloak’s locale cookie, then the browser’s first language, else Romanian', () => {
    assert.equal(pageLanguage('a=1; KEYCLOAK_LOCALE=en', 'ro-RO'), 'en');
    assert.equal(pageLanguage('KEYCLOAK_LOCALE=ro', 'en-GB,en'), 'ro');
    assert.equal(pageLanguage(undefined, 'en-GB,en;q=0.9'), 'en');
    assert.equal(pageLanguage('KEYCLOAK_LOCALE=de', 'fr-FR'), 'ro');
    assert.equal(pageLanguage(undefined, undefined), 'ro');
  });

  it('says in the page’s language how many minutes to wait, rounded up', () => {
    const ro = throttledLoginPage('ro', 61);
    assert.match(ro, /<html lang="ro">/);
    assert.match(ro, /peste 2 minute/);
    const en = throttledLoginPage('en', 30);
    assert.match(en, /<html lang="en">/);
    assert.match(en, /try again in 1 minute\./);
  });
});
