import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { hasProblems, registrationProblems } from '../../../lib/forms.ts';
import { describePasswordPolicy } from '../../../lib/password-policy.ts';
import { usePasswordPolicy } from '../../account/api/account.ts';
import { useRegister } from '../api/register.ts';
import { redirectToLogin } from '../../auth/hooks/session.tsx';

/** Creates a patient account, then goes straight to Keycloak's login with the email filled in. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const register = useRegister();
  const policy = usePasswordPolicy();
  const [form, setForm] = useState({ full_name: '', email: '', password: '', phone: '' });
  const [submitted, setSubmitted] = useState(false);
  const problems = registrationProblems(form, policy.data);
  const shown = submitted ? problems : {};
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems) || register.isPending) return;
    const registration = {
      full_name: form.full_name.trim(),
      email: form.email.trim(),
      password: form.password,
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      language: i18n.language === 'en' ? ('en' as const) : ('ro' as const),
    };
    register.mutate(registration, {
      onSuccess: () => void redirectToLogin(auth, { login_hint: registration.email, state: { returnTo: '/' } }),
    });
  };

  return (
    <section className="page narrow">
      <h1>{t('register.title')}</h1>
      <p className="muted">{t('register.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('register.fullName')}
          value={form.full_name}
          onChange={set('full_name')}
          error={shown.full_name}
          autoComplete="name"
          required
        />
        <TextField
          label={t('register.email')}
          type="email"
          value={form.email}
          onChange={set('email')}
          error={shown.email}
          autoComplete="email"
          required
        />
        <TextField
          label={t('register.password')}
          type="password"
          value={form.password}
          onChange={set('password')}
          error={shown.password}
          hint={policy.data ? describePasswordPolicy(policy.data, t, i18n.language) : undefined}
          autoComplete="new-password"
          required
        />
        <TextField
          label={t('register.phone')}
          type="tel"
          value={form.phone}
          onChange={set('phone')}
          error={shown.phone}
          autoComplete="tel"
        />
        <ErrorMessage error={register.error} />
        {register.isSuccess && <p role="status">{t('register.done')}</p>}
        <button type="submit" className="primary" disabled={register.isPending || register.isSuccess}>
          {register.isPending ? t('common.working') : t('register.submit')}
        </button>
      </form>
    </section>
  );
}
