import type { PasswordPolicy } from '@clinic/contracts';

/**
 * Realm `clinic`'s password policy as Keycloak states it (`length(12) and upperCase(1) and notEmail …`),
 * read into the rules a client can show. Rules a client cannot check (history, hashing) are left out.
 */
export function parsePasswordPolicy(text: string): PasswordPolicy {
  const rules = new Map<string, string | undefined>();
  for (const part of text.split(/\s+and\s+/)) {
    const match = /^\s*([A-Za-z]+)(?:\(([^)]*)\))?\s*$/.exec(part);
    if (match) rules.set(match[1]!, match[2]);
  }
  const count = (name: string, whenBare: number) => {
    if (!rules.has(name)) return 0;
    const value = Number.parseInt(rules.get(name) ?? '', 10);
    return Number.isFinite(value) && value >= 0 ? value : whenBare;
  };
  const maxLength = count('maxLength', 64);
  return {
    // Keycloak's defaults when a rule is named without its number.
    min_length: count('length', 8),
    max_length: rules.has('maxLength') ? maxLength : null,
    upper_case: count('upperCase', 1),
    lower_case: count('lowerCase', 1),
    digits: count('digits', 1),
    special_chars: count('specialChars', 1),
    not_username: rules.has('notUsername'),
    not_email: rules.has('notEmail'),
  };
}

/**
 * Whether Keycloak's refusal of a new user is its password policy ("Invalid password: must contain …",
 * a message key such as `invalidPasswordMinLengthMessage`, or "Password policy not met").
 */
export const isPasswordPolicyRefusal = (reason: string | undefined): boolean =>
  reason !== undefined && /invalid ?password|password policy/i.test(reason);
