import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPasswordPolicyRefusal, parsePasswordPolicy } from './password-policy.ts';

describe('parsePasswordPolicy', () => {
  it('reads the realm file’s policy into the rules a client shows', () => {
    const policy = parsePasswordPolicy(
      'length(12) and maxLength(128) and upperCase(1) and lowerCase(1) and digits(1) and notUsername and notEmail and passwordHistory(3)',
    );
    assert.deepEqual(policy, {
      min_length: 12,
      max_length: 128,
      upper_case: 1,
      lower_case: 1,
      digits: 1,
      special_chars: 0,
      not_username: true,
      not_email: true,
    });
  });

  it('answers no rules for an empty policy, and Keycloak’s defaults for rules named without a number', () => {
    assert.deepEqual(parsePasswordPolicy(''), {
      min_length: 0,
      max_length: null,
      upper_case: 0,
      lower_case: 0,
      digits: 0,
      special_chars: 0,
      not_username: false,
      not_email: false,
    });
    const bare = parsePasswordPolicy('length and specialChars(2) and hashIterations(1000)');
    assert.equal(bare.min_length, 8);
    assert.equal(bare.special_chars, 2);
  });
});

describe('isPasswordPolicyRefusal', () => {
  it('recognises Keycloak’s password policy messages and nothing else', () => {
    assert.ok(isPasswordPolicyRefusal('Invalid password: must contain at least 1 upper case characters.'));
    assert.ok(isPasswordPolicyRefusal('invalidPasswordMinLengthMessage'));
    assert.ok(isPasswordPolicyRefusal('Password policy not met'));
    assert.ok(!isPasswordPolicyRefusal('User exists with same username'));
    assert.ok(!isPasswordPolicyRefusal(undefined));
  });
});
