import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { intlLocale } from '../../../lib/dates.ts';
import type { FamilyMember, FamilyRelation } from '../../../lib/types.ts';
import { useAddFamilyMember, useFamily, useRemoveFamilyMember, useUpdateFamilyMember, type FamilyMemberInput } from '../api/family.ts';
import { FamilyError } from './FamilyError.tsx';

/** "4 May 2019", "4 mai 2019": a calendar date, no time zone to shift it. */
const birthDate = (date: string, language: string) =>
  new Intl.DateTimeFormat(intlLocale(language), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );

export const RELATIONS: FamilyRelation[] = ['child', 'parent', 'spouse', 'other'];

/** The profile's "Family" section: the people the patient books for, listed, added, changed, removed. */
export function FamilySection() {
  const { t, i18n } = useTranslation();
  const family = useFamily();
  const remove = useRemoveFamilyMember();
  const [editing, setEditing] = useState<FamilyMember | 'new' | undefined>();

  return (
    <section className="family" aria-labelledby="family-title">
      <h2 id="family-title">{t('family.title')}</h2>
      <p className="muted">{t('family.hint')}</p>
      {family.isPending ? (
        <Loading />
      ) : (
        <ul className="cards family-list">
          {(family.data ?? []).map((member) => (
            <li key={member.id} className="card family-member">
              <p>
                <strong>{member.full_name}</strong> · {t(`family.relations.${member.relation}`)} ·{' '}
                {t('family.born', { date: birthDate(member.birth_date, i18n.language) })}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('family.editNamed', { name: member.full_name })}
                  onClick={() => setEditing(member)}
                >
                  {t('family.edit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('family.removeNamed', { name: member.full_name })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(member.id)}
                >
                  {t('family.remove')}
                </button>
              </div>
            </li>
          ))}
          {family.data?.length === 0 && <li className="muted">{t('family.none')}</li>}
        </ul>
      )}
      <FamilyError error={family.error ?? remove.error} />
      {editing ? (
        <MemberForm
          key={editing === 'new' ? 'new' : editing.id}
          member={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(undefined)}
        />
      ) : (
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('family.add')}
        </button>
      )}
    </section>
  );
}

function MemberForm({ member, onDone }: { member?: FamilyMember; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddFamilyMember();
  const update = useUpdateFamilyMember();
  const change = member ? update : add;
  const [form, setForm] = useState<FamilyMemberInput>({
    full_name: member?.full_name ?? '',
    birth_date: member?.birth_date ?? '',
    relation: member?.relation ?? 'child',
  });
  const [submitted, setSubmitted] = useState(false);
  const problems = {
    full_name: form.full_name.trim() ? undefined : 'forms.required',
    birth_date: form.birth_date ? undefined : 'forms.required',
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.full_name || problems.birth_date) return;
    const input = { ...form, full_name: form.full_name.trim() };
    const done = { onSuccess: onDone };
    if (member) update.mutate({ id: member.id, ...input }, done);
    else add.mutate(input, done);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={member ? t('family.editTitle') : t('family.addTitle')}>
      <h3>{member ? t('family.editTitle') : t('family.addTitle')}</h3>
      <TextField
        label={t('family.name')}
        value={form.full_name}
        onChange={(full_name) => setForm({ ...form, full_name })}
        error={submitted ? problems.full_name : undefined}
        maxLength={200}
        autoComplete="off"
        data-autofocus
      />
      <TextField
        label={t('family.birthDate')}
        type="date"
        value={form.birth_date}
        onChange={(birth_date) => setForm({ ...form, birth_date })}
        error={submitted ? problems.birth_date : undefined}
      />
      <SelectField
        label={t('family.relation')}
        value={form.relation}
        onChange={(relation) => setForm({ ...form, relation: relation as FamilyRelation })}
        options={RELATIONS.map((relation) => ({ value: relation, label: t(`family.relations.${relation}`) }))}
      />
      <FamilyError error={change.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.back')}
        </button>
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t('common.working') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
