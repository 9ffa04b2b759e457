import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { hasProblems, profileProblems } from '../../../lib/forms.ts';
import { chooseLanguage } from '../../../lib/i18n.ts';
import type { Language, UserProfile } from '../../../lib/types.ts';
import { AccountActions } from '../../account/components/AccountActions.tsx';
import { useMe, useUpdateMe, type ProfileChange } from '../../auth/api/me.ts';
import { FamilySection } from '../../family/components/FamilySection.tsx';

export function ProfilePage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  return <ProfileForm key={me.data.id} profile={me.data} />;
}

function ProfileForm({ profile }: { profile: UserProfile }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateMe();
  const [form, setForm] = useState({
    full_name: profile.full_name,
    phone: profile.phone ?? '',
    language: (profile.language ?? i18n.language) as Language,
  });
  const [submitted, setSubmitted] = useState(false);
  const problems = profileProblems(form);
  const shown = submitted ? problems : {};

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) return;
    const change: ProfileChange = { full_name: form.full_name.trim(), phone: form.phone.trim() || null };
    // The language is stored with the profile where user-service keeps it; this browser remembers it anyway.
    if (profile.language !== undefined) change.language = form.language;
    update.mutate(change, { onSuccess: () => void chooseLanguage(form.language) });
  };

  return (
    <section className="page narrow">
      <h1>{t('profile.title')}</h1>
      <p className="muted">
        {profile.email} · {t(`roles.${profile.role}`)}
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('register.fullName')}
          value={form.full_name}
          onChange={(full_name) => setForm({ ...form, full_name })}
          error={shown.full_name}
          autoComplete="name"
        />
        <TextField
          label={t('register.phone')}
          type="tel"
          value={form.phone}
          onChange={(phone) => setForm({ ...form, phone })}
          error={shown.phone}
          autoComplete="tel"
        />
        <SelectField
          label={t('profile.language')}
          value={form.language}
          onChange={(language) => setForm({ ...form, language: language as Language })}
          options={[
            { value: 'ro', label: 'Română' },
            { value: 'en', label: 'English' },
          ]}
        />
        <ErrorMessage error={update.error} />
        {update.isSuccess && <p role="status">{t('profile.saved')}</p>}
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('common.working') : t('common.save')}
        </button>
      </form>
      {profile.role === 'PATIENT' && <FamilySection />}
      <AccountActions email={profile.email} patient={profile.role === 'PATIENT'} />
    </section>
  );
}
