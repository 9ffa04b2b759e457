import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { formatDate } from '../../../lib/dates.ts';
import { closedDayName } from './closed-day-name.ts';
import { useClosedDayChanges, useClosedDays, type ClosedDay } from '../api/closed-days.ts';

const EMPTY: ClosedDay = { date: '', name_ro: '', name_en: '' };

/** The clinic's closed days (public holidays and its own): list, add, remove. */
export function ClosedDaysAdmin() {
  const { t, i18n } = useTranslation();
  const days = useClosedDays();
  const changes = useClosedDayChanges();
  const [form, setForm] = useState<ClosedDay>(EMPTY);
  const [removing, setRemoving] = useState<ClosedDay>();
  const set = (field: keyof ClosedDay) => (value: string) => setForm({ ...form, [field]: value });

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    changes.add.mutate(
      { date: form.date, name_ro: form.name_ro.trim(), name_en: form.name_en.trim() },
      { onSuccess: () => setForm(EMPTY) },
    );
  };

  return (
    <section aria-labelledby="closed-days-title">
      <h2 id="closed-days-title">{t('closedDays.title')}</h2>
      <p>{t('closedDays.intro')}</p>
      {days.isPending ? (
        <Loading />
      ) : days.isError ? (
        <ErrorMessage error={days.error} />
      ) : days.data.length === 0 ? (
        <Empty>{t('closedDays.none')}</Empty>
      ) : (
        <ul className="list">
          {days.data.map((day) => {
            const name = closedDayName(day, i18n.language);
            const date = formatDate(day.date, i18n.language, 'long');
            return (
              <li key={day.date} data-closed-day={day.date}>
                <span>
                  <strong>{date}</strong> — {name}
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="danger small"
                    aria-label={t('closedDays.removeLabel', { date, name })}
                    onClick={() => setRemoving(day)}
                  >
                    {t('closedDays.remove')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t('closedDays.add')}</h3>
      <form className="inline-form" onSubmit={add}>
        <TextField label={t('closedDays.date')} type="date" value={form.date} onChange={set('date')} required />
        <TextField label={t('closedDays.nameRo')} value={form.name_ro} onChange={set('name_ro')} required maxLength={100} />
        <TextField label={t('closedDays.nameEn')} value={form.name_en} onChange={set('name_en')} required maxLength={100} />
        <button type="submit" className="primary" disabled={changes.add.isPending}>
          {t('closedDays.add')}
        </button>
      </form>
      <ErrorMessage error={changes.add.error} />
      {changes.add.isSuccess && <p role="status">{t('closedDays.added')}</p>}
      {removing && (
        <ConfirmDialog
          title={t('closedDays.removeTitle')}
          message={t('closedDays.removeQuestion', {
            date: formatDate(removing.date, i18n.language, 'long'),
            name: closedDayName(removing, i18n.language),
          })}
          confirmLabel={t('closedDays.remove')}
          danger
          pending={changes.remove.isPending}
          error={changes.remove.error}
          onConfirm={() => changes.remove.mutate(removing.date, { onSuccess: () => setRemoving(undefined) })}
          onClose={() => {
            changes.remove.reset();
            setRemoving(undefined);
          }}
        />
      )}
    </section>
  );
}
