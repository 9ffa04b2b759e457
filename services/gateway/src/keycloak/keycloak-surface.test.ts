import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginFailed, loginSubmission, normalisePath, passesToKeycloak } from './keycloak-surface.ts';

const passes = (url: string) => passesToKeycloak(url, 'clinic');

describe('normalisePath', () => {
  it('decodes, drops matrix parameters and empty or dot segments, and applies ..', () => {
    assert.equal(normalisePath('/auth/admin;x/master/console/'), '/auth/admin/master/console');
    assert.equal(normalisePath('/auth/%61dmin/master/console/'), '/auth/admin/master/console');
    assert.equal(normalisePath('/auth/realms/clinic/../master/protocol'), '/auth/realms/master/protocol');
    assert.equal(normalisePath('/auth//realms/./clinic/x?next=/auth/admin'), '/auth/realms/clinic/x');
    assert.equal(normalisePath('/auth/../../../etc'), '/etc');
  });

  it('gives nothing for what no honest client sends', () => {
    for (const url of [
      '/auth/%',
      '/auth/%zz',
      '/auth/a%2fb',
      '/auth/a%2Fb',
      '/auth/%2561dmin',
      '/auth/a%5cb',
      '/auth/a%3bx',
      '/auth/a%00',
      'auth',
    ]) {
      assert.equal(normalisePath(url), undefined, url);
    }
  });
});

describe('passesToKeycloak', () => {
  it('passes what browsers and the command line use of the realm', () => {
    for (const url of [
      '/auth/realms/clinic/.well-known/openid-configuration',
      '/auth/realms/clinic/protocol/openid-connect/auth?client_id=clinic-web&redirect_uri=http%3A%2F%2Fx%2F',
      '/auth/realms/clinic/protocol/openid-connect/token',
      '/auth/realms/clinic/protocol/openid-connect/certs',
      '/auth/realms/clinic/protocol/openid-connect/userinfo',
      '/auth/realms/clinic/protocol/openid-connect/logout',
      '/auth/realms/clinic/protocol/openid-connect/logout/logout-confirm',
      '/auth/realms/clinic/protocol/openid-connect/revoke',
      '/auth/realms/clinic/protocol/openid-connect/registrations?client_id=clinic-web',
      '/auth/realms/clinic/protocol/openid-connect/login-status-iframe.html',
      '/auth/realms/clinic/protocol/openid-connect/login-status-iframe.html/init?client_id=clinic-web',
      '/auth/realms/clinic/protocol/openid-connect/3p-cookies/step1.html',
      '/auth/realms/clinic/login-actions/authenticate?session_code=a&execution=b',
      '/auth/realms/clinic/login-actions/registration',
      '/auth/realms/clinic/login-actions/reset-credentials',
      '/auth/realms/clinic/login-actions/required-action',
      '/auth/realms/clinic/login-actions/action-token?key=abc',
      '/auth/resources/abc12/login/keycloak.v2/css/styles.css',
      '/auth/resources/abc12/login/clinic/img/logo.svg',
      '/auth/resources/abc12/common/keycloak/vendor/patternfly-v5/patternfly.min.css',
    ]) {
      assert.equal(passes(url), true, url);
    }
  });

  it('refuses the admin console, the admin API, the master realm, other realms and the account console', () => {
    for (const url of [
      '/auth',
      '/auth/',
      '/auth/admin/',
      '/auth/admin/master/console/',
      '/auth/admin/realms/clinic/users',
      '/auth/realms/master/protocol/openid-connect/token',
      '/auth/realms/master/.well-known/openid-configuration',
      '/auth/realms/other/protocol/openid-connect/token',
      '/auth/realms/clinic',
      '/auth/realms/clinic/account',
      '/auth/realms/clinic/account/',
      '/auth/realms/clinic/protocol/openid-connect/token/introspect',
      '/auth/realms/clinic/protocol/openid-connect/ext/ciba/auth',
      '/auth/realms/clinic/broker/google/endpoint',
      '/auth/resources/abc12/admin/keycloak.v2/main.js',
      '/auth/resources/abc12/account/keycloak.v3/main.js',
      '/auth/js/keycloak.js',
      '/auth/welcome',
    ]) {
      assert.equal(passes(url), false, url);
    }
  });

  it('refuses the same paths disguised', () => {
    for (const url of [
      '/auth/admin;x/master/console/',
      '/auth/%61dmin/master/console/',
      '/auth/%2561dmin/master/console/',
      '/auth//admin/master/console/',
      '/auth/./admin/master/console/',
      '/auth/realms/master;x/protocol/openid-connect/token',
      '/auth/realms/clinic/../master/protocol/openid-connect/token',
      '/auth/realms/clinic/%2e%2e/master/protocol/openid-connect/token',
      '/auth/realms/clinic/%2E%2E/master/protocol/openid-connect/token',
      '/auth/realms/clinic/protocol/openid-connect/auth/../../../../master/protocol/openid-connect/token',
      '/auth/realms/clinic/protocol/openid-connect/auth;/../../../../master/protocol/openid-connect/token',
      '/auth/realms/clinic/login-actions/..%2f..%2f..%2fmaster/protocol/openid-connect/token',
      '/auth/realms/clinic%2f..%2fmaster/protocol/openid-connect/token',
      '/auth/realms/clinic/login-actions/authenticate/..\\..\\..\\master',
      '/auth/resources/abc12/login/..%2f..%2fadmin/keycloak.v2/main.js',
      '/auth/resources/abc12/login/../../../admin/master/console/',
    ]) {
      assert.equal(passes(url), false, url);
    }
  });

  it('refuses the clinic realm’s own endpoints when asked in a roundabout way', () => {
    // What Keycloak receives is what was checked: a path not in its normal form is not passed on at all.
    for (const url of [
      '/auth/realms/clinic/protocol/openid-connect//token',
      '/auth/realms/clinic/protocol/openid-connect/./token',
      '/auth/realms/clinic;x/protocol/openid-connect/token',
      '/auth/realms/%63linic/protocol/openid-connect/token',
    ]) {
      assert.equal(passes(url), false, url);
    }
  });

  it('follows the configured realm', () => {
    assert.equal(passesToKeycloak('/auth/realms/other/protocol/openid-connect/token', 'other'), true);
    assert.equal(passesToKeycloak('/auth/realms/clinic/protocol/openid-connect/token', 'other'), false);
  });
});

describe('loginSubmission', () => {
  const token = '/auth/realms/clinic/protocol/openid-connect/token';
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('recognises the login form and the password grant', () => {
    assert.equal(
      loginSubmission('POST', '/auth/realms/clinic/login-actions/authenticate?session_code=x', 'clinic', 'username=a&password=b'),
      'login-form',
    );
    assert.equal(
      loginSubmission('POST', token, 'clinic', form({ grant_type: 'password', username: 'a', password: 'b' })),
      'password-grant',
    );
  });

  it('leaves the other grants, pages and methods alone', () => {
    assert.equal(loginSubmission('POST', token, 'clinic', form({ grant_type: 'refresh_token', refresh_token: 'x' })), undefined);
    assert.equal(loginSubmission('POST', token, 'clinic', form({ grant_type: 'authorization_code', code: 'x' })), undefined);
    assert.equal(loginSubmission('POST', token, 'clinic', form({ grant_type: 'client_credentials' })), undefined);
    assert.equal(loginSubmission('POST', token, 'clinic', undefined), undefined);
    assert.equal(loginSubmission('GET', '/auth/realms/clinic/login-actions/authenticate', 'clinic', undefined), undefined);
    assert.equal(loginSubmission('POST', '/auth/realms/clinic/login-actions/registration', 'clinic', 'a=b'), undefined);
  });
});

describe('loginFailed', () => {
  it('reads a login form shown again as a failure, a redirect as a success', () => {
    assert.equal(loginFailed('login-form', 200), true);
    assert.equal(loginFailed('login-form', 302), false);
  });

  it('reads the password grant’s 400 and 401 as failures', () => {
    assert.equal(loginFailed('password-grant', 401), true);
    assert.equal(loginFailed('password-grant', 400), true);
    assert.equal(loginFailed('password-grant', 200), false);
    assert.equal(loginFailed('password-grant', 503), false);
  });
});
