import { describe, expect, it } from 'vitest';
import { i18n } from './i18n.ts';
import { describePasswordPolicy, meetsPasswordPolicy } from './password-policy.ts';
import type { PasswordPolicy } from './types.ts';

/** Realm clinic's policy (deploy/keycloak/realm-clinic.json). */
const REALM: PasswordPolicy = {
  min_length: 12,
  max_length: 128,
  upper_case: 1,
  lower_case: 1,
  digits: 1,
  special_chars: 0,
  not_username: true,
  not_email: true,
};

describe('the password policy in words', () => {
  it('says the realm’s policy in Romanian and in English', async () => {
    await i18n.changeLanguage('ro');
    expect(describePasswordPolicy(REALM, i18n.t, 'ro')).toBe(
      'Cel puțin 12 caractere, cu cel puțin o literă mare, o literă mică și o cifră; diferită de adresa de email.',
    );
    await i18n.changeLanguage('en');
    expect(describePasswordPolicy(REALM, i18n.t, 'en')).toBe(
      'At least 12 characters, with at least an upper case letter, a lower case letter, and a digit; not your email address.',
    );
  });

  it('names only the rules the policy has, with their counts', async () => {
    await i18n.changeLanguage('ro');
    const policy = {
      ...REALM,
      min_length: 20,
      upper_case: 0,
      lower_case: 0,
      digits: 2,
      special_chars: 1,
      not_email: false,
      not_username: false,
    };
    expect(describePasswordPolicy(policy, i18n.t, 'ro')).toBe('Cel puțin 20 de caractere, cu cel puțin 2 cifre și un semn precum ! sau -.');
  });
});

describe('meetsPasswordPolicy', () => {
  it('holds a password to each rule of the realm’s policy', () => {
    expect(meetsPasswordPolicy('Sup3r-secret-pass', REALM, 'ana@example.com')).toBe(true);
    expect(meetsPasswordPolicy('Sup3r-secre', REALM, 'ana@example.com')).toBe(false); // 11 characters
    expect(meetsPasswordPolicy('sup3r-secret-pass', REALM, 'ana@example.com')).toBe(false); // no upper case
    expect(meetsPasswordPolicy('SUP3R-SECRET-PASS', REALM, 'ana@example.com')).toBe(false); // no lower case
    expect(meetsPasswordPolicy('Super-secret-pass', REALM, 'ana@example.com')).toBe(false); // no digit
    expect(meetsPasswordPolicy('Ana1@example.com', REALM, 'ana1@example.com')).toBe(false); // the email itself
    expect(meetsPasswordPolicy(`Aa1${'x'.repeat(126)}`, REALM, 'ana@example.com')).toBe(false); // over 128
  });
});
