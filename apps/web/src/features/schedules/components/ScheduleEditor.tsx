import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { AffectedAppointmentsDialog } from '../../../components/AffectedAppointments.tsx';
import { affectedAppointments } from '../../../lib/api.ts';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { hasProblems, scheduleProblems } from '../../../lib/forms.ts';
import type { AffectedAppointment, ScheduleEntry } from '../../../lib/types.ts';
import { useAddScheduleEntry, useRemoveScheduleEntry, useSchedule, type CancelAppointments } from '../api/schedules.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function ScheduleEditor({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const schedule = useSchedule(doctorId);
  const add = useAddScheduleEntry(doctorId);
  const remove = useRemoveScheduleEntry(doctorId);
  // An entry whose removal was refused over the appointments it holds (listed in a dialog).
  const [blocked, setBlocked] = useState<{ entry: ScheduleEntry; appointments: AffectedAppointment[] }>();
  const removeEntry = (entry: ScheduleEntry, cancel?: CancelAppointments) =>
    remove.mutate(
      { entryId: entry.id, cancel },
      {
        onSuccess: () => setBlocked(undefined),
        onError: (error) => {
          const appointments = affectedAppointments(error);
          if (appointments) setBlocked({ entry, appointments });
        },
      },
    );
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
                      onClick={() => removeEntry(entry)}
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
      {!blocked && <ErrorMessage error={remove.error} />}
      {blocked && (
        <AffectedAppointmentsDialog
          title={t('affected.scheduleTitle')}
          message={t('affected.scheduleMessage', {
            day: t(`weekdays.${blocked.entry.weekday}`),
            hours: `${blocked.entry.start_time}–${blocked.entry.end_time}`,
            count: blocked.appointments.length,
          })}
          appointments={blocked.appointments}
          timeZone={schedule.data?.time_zone ?? CLINIC_TIME_ZONE}
          onClose={() => {
            remove.reset();
            setBlocked(undefined);
          }}
          cancel={{
            pending: remove.isPending,
            error: affectedAppointments(remove.error) ? undefined : remove.error,
            onConfirm: (reason) => removeEntry(blocked.entry, { reason }),
          }}
        />
      )}
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
