import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { useSpecializations } from '../../doctors/api/doctors.ts';
import { visitTypeName } from '../../booking/api/visit-types.ts';
import { useAllDoctors } from '../api/admin.ts';
import { useOwnVisitTypes, useVisitTypeChanges, type VisitTypeOwner } from '../api/visit-types.ts';

const emptyForm = { name_ro: '', name_en: '', duration: '30', price: '', online: true };

/** Visit types: a specialization's defaults and a doctor's own; add, archive and restore. */
export function VisitTypesAdmin() {
  const { t, i18n } = useTranslation();
  const specializations = useSpecializations();
  const doctors = useAllDoctors();
  const [ownerValue, setOwnerValue] = useState('');
  const [kind, id] = ownerValue.split(':') as [VisitTypeOwner['kind'] | '', string | undefined];
  const owner: VisitTypeOwner | undefined = kind && id ? { kind, id } : undefined;
  const list = useOwnVisitTypes(owner);
  const changes = useVisitTypeChanges();
  const [form, setForm] = useState(emptyForm);
  const options = [
    { value: '', label: '—' },
    ...(specializations.data ?? []).map((s) => ({
      value: `specializations:${s.id}`,
      label: t('visitTypes.admin.forSpecialization', { name: s.name }),
    })),
    ...(doctors.data ?? []).map((d) => ({ value: `doctors:${d.id}`, label: t('visitTypes.admin.forDoctor', { name: d.full_name }) })),
  ];

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    if (!owner) return;
    const body = {
      name_ro: form.name_ro.trim(),
      name_en: form.name_en.trim(),
      duration_minutes: Number(form.duration),
      price_text: form.price.trim() || null,
      online_bookable: form.online,
    };
    changes.create.mutate({ owner, body }, { onSuccess: () => setForm(emptyForm) });
  };

  return (
    <section aria-labelledby="visit-types-title">
      <h2 id="visit-types-title">{t('visitTypes.admin.title')}</h2>
      <p className="muted">{t('visitTypes.admin.doctorNote')}</p>
      <SelectField label={t('visitTypes.admin.owner')} value={ownerValue} onChange={setOwnerValue} options={options} />
      {owner &&
        (list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorMessage error={list.error} />
        ) : list.data.items.length === 0 ? (
          <Empty>{t('visitTypes.admin.none')}</Empty>
        ) : (
          <ul className="list">
            {list.data.items.map((type) => (
              <li key={type.id}>
                <span>
                  <strong>{visitTypeName(type, i18n.language)}</strong> · {t('visitTypes.minutes', { count: type.duration_minutes })}
                  {type.price_text ? ` · ${type.price_text}` : ''}
                  {!type.online_bookable && ` · ${t('visitTypes.admin.deskOnly')}`}
                  {type.archived && ` · ${t('visitTypes.admin.archived')}`}
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="secondary small"
                    disabled={changes.update.isPending}
                    onClick={() => changes.update.mutate({ id: type.id, body: { archived: !type.archived } })}
                  >
                    {type.archived ? t('visitTypes.admin.restore') : t('visitTypes.admin.archive')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ))}
      <ErrorMessage error={changes.update.error} />
      {owner && (
        <>
          <h3>{t('visitTypes.admin.add')}</h3>
          <form className="inline-form" onSubmit={create}>
            <TextField
              label={t('visitTypes.admin.nameRo')}
              value={form.name_ro}
              onChange={(v) => setForm({ ...form, name_ro: v })}
              required
              maxLength={120}
            />
            <TextField
              label={t('visitTypes.admin.nameEn')}
              value={form.name_en}
              onChange={(v) => setForm({ ...form, name_en: v })}
              required
              maxLength={120}
            />
            <TextField
              label={t('visitTypes.admin.duration')}
              type="number"
              value={form.duration}
              onChange={(v) => setForm({ ...form, duration: v })}
              required
              min={5}
              max={480}
              step={5}
            />
            <TextField
              label={t('visitTypes.admin.price')}
              value={form.price}
              onChange={(v) => setForm({ ...form, price: v })}
              maxLength={60}
            />
            <label className="check">
              <input type="checkbox" checked={form.online} onChange={(event) => setForm({ ...form, online: event.target.checked })} />
              {t('visitTypes.admin.online')}
            </label>
            <button type="submit" className="primary" disabled={changes.create.isPending}>
              {t('visitTypes.admin.add')}
            </button>
          </form>
          <ErrorMessage error={changes.create.error} />
        </>
      )}
    </section>
  );
}
