// The realm's password policy, said in the app's words and checked before the registration is sent.
import type { PasswordPolicy } from './types.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The policy as one sentence in the current language, e.g. "At least 12 characters, with an upper case letter, … ; not your email." */
export function describePasswordPolicy(policy: PasswordPolicy, t: Translate, language: string): string {
  const needs = [
    policy.upper_case > 0 && t('password.upperCase', { count: policy.upper_case }),
    policy.lower_case > 0 && t('password.lowerCase', { count: policy.lower_case }),
    policy.digits > 0 && t('password.digits', { count: policy.digits }),
    policy.special_chars > 0 && t('password.specialChars', { count: policy.special_chars }),
  ].filter((need): need is string => Boolean(need));
  let sentence = t('password.minLength', { count: Math.max(policy.min_length, 1) });
  if (needs.length > 0) sentence += t('password.with', { needs: new Intl.ListFormat(language, { type: 'conjunction' }).format(needs) });
  if (policy.not_email || policy.not_username) sentence += t('password.notEmail');
  return `${sentence}.`;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Whether the password meets the policy as far as a client can tell (Keycloak stays the judge). */
export function meetsPasswordPolicy(password: string, policy: PasswordPolicy, email: string): boolean {
  const characters = [...password].length;
  if (characters < policy.min_length || characters === 0) return false;
  if (policy.max_length !== null && characters > policy.max_length) return false;
  if (count(password, /\p{Lu}/gu) < policy.upper_case) return false;
  if (count(password, /\p{Ll}/gu) < policy.lower_case) return false;
  if (count(password, /\p{Nd}/gu) < policy.digits) return false;
  if (count(password, /[^\p{L}\p{Nd}]/gu) < policy.special_chars) return false;
  const address = email.trim().toLowerCase();
  if ((policy.not_email || policy.not_username) && address && password.toLowerCase() === address) return false;
  return true;
}
