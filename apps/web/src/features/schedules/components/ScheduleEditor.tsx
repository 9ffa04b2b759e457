import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { hasProblems, scheduleProblems } from '../../../lib/forms.ts';
import { useAddScheduleEntry, useRemoveScheduleEntry, useSchedule } from '../api/schedules.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function ScheduleEditor({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const schedule = useSchedule(doctorId);
  const add = useAddScheduleEntry(doctorId);
  const remove = useRemoveScheduleEntry(doctorId);
  const [form, setForm] = useState({ weekday: '1', start_time: '09:00', end_time: '13:00', slot_minutes: '30' });
  const [submitted, setSubmitted] = useState(false);
  const problems = scheduleProblems(form);
  const shown = submitted ? problems : {};

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) return;
    add.mutate(
      { weekday: Number(form.weekday), start_time: form.start_time, end_time: form.end_time, slot_minutes: Number(form.slot_minutes) },
      { onSuccess: () => setSubmitted(false) },
    );
  };

  const entries = [...(schedule.data?.entries ?? [])].sort((a, b) => a.weekday - b.weekday || a.start_time.localeCompare(b.start_time));
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('schedule.title')}</h2>
      {schedule.isPending ? (
        <Loading />
      ) : schedule.isError ? (
        <ErrorMessage error={schedule.error} />
      ) : entries.length === 0 ? (
        <Empty>{t('schedule.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('schedule.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('schedule.weekday')}</th>
                <th scope="col">{t('schedule.hours')}</th>
                <th scope="col">{t('schedule.slot')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{t(`weekdays.${entry.weekday}`)}</td>
                  <td>
                    {entry.start_time}–{entry.end_time}
                  </td>
                  <td>{t('schedule.minutes', { count: entry.slot_minutes })}</td>
                  <td>
                    <button
                      type="button"
                      className="danger small"
                      disabled={remove.isPending}
                      aria-label={t('schedule.removeLabel', {
                        day: t(`weekdays.${entry.weekday}`),
                        hours: `${entry.start_time}–${entry.end_time}`,
                      })}
                      onClick={() => remove.mutate(entry.id)}
                    >
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={remove.error} />
      <form className="inline-form" onSubmit={submit} noValidate aria-label={t('schedule.add')}>
        <SelectField
          label={t('schedule.weekday')}
          value={form.weekday}
          onChange={(weekday) => setForm({ ...form, weekday })}
          options={WEEKDAYS.map((day) => ({ value: String(day), label: t(`weekdays.${day}`) }))}
        />
        <TextField
          label={t('schedule.start')}
          type="time"
          value={form.start_time}
          onChange={(start_time) => setForm({ ...form, start_time })}
          error={shown.start_time}
        />
        <TextField
          label={t('schedule.end')}
          type="time"
          value={form.end_time}
          onChange={(end_time) => setForm({ ...form, end_time })}
          error={shown.end_time}
        />
        <TextField
          label={t('schedule.slot')}
          type="number"
          min={5}
          max={480}
          value={form.slot_minutes}
          onChange={(slot_minutes) => setForm({ ...form, slot_minutes })}
          error={shown.slot_minutes}
        />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('schedule.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} />
    </section>
  );
}
