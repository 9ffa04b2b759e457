import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { AffectedAppointmentsDialog } from '../../../components/AffectedAppointments.tsx';
import { affectedAppointments } from '../../../lib/api.ts';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDate } from '../../../lib/dates.ts';
import { hasProblems, timeOffProblems } from '../../../lib/forms.ts';
import type { AffectedAppointment, TimeOff } from '../../../lib/types.ts';
import { useAddTimeOff, useRemoveTimeOff, useTimeOff, type CancelAppointments } from '../api/schedules.ts';

type NewTimeOff = Omit<TimeOff, 'id' | 'doctor_id'>;

export function TimeOffEditor({ doctorId }: { doctorId: string }) {
  const { t, i18n } = useTranslation();
  const timeOff = useTimeOff(doctorId);
  const add = useAddTimeOff(doctorId);
  const remove = useRemoveTimeOff(doctorId);
  const [removing, setRemoving] = useState<TimeOff>();
  const [form, setForm] = useState({ start_date: '', end_date: '', reason: '' });
  const [submitted, setSubmitted] = useState(false);
  const problems = timeOffProblems(form);
  const shown = submitted ? problems : {};
  const period = (off: Pick<TimeOff, 'start_date' | 'end_date'>) =>
    off.start_date === off.end_date
      ? formatDate(off.start_date, i18n.language, 'long')
      : `${formatDate(off.start_date, i18n.language, 'long')} – ${formatDate(off.end_date, i18n.language, 'long')}`;

  // Time off refused over the appointments on those days (listed in a dialog, which may cancel them).
  const [blocked, setBlocked] = useState<{ timeOff: NewTimeOff; appointments: AffectedAppointment[] }>();
  const addTimeOff = (timeOff: NewTimeOff, cancel?: CancelAppointments) =>
    add.mutate(
      { timeOff, cancel },
      {
        onSuccess: () => {
          setBlocked(undefined);
          setForm({ start_date: '', end_date: '', reason: '' });
          setSubmitted(false);
        },
        onError: (error) => {
          const appointments = affectedAppointments(error);
          if (appointments) setBlocked({ timeOff, appointments });
        },
      },
    );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) return;
    addTimeOff({ ...form, reason: form.reason.trim() });
  };

  const items = [...(timeOff.data ?? [])].sort((a, b) => a.start_date.localeCompare(b.start_date));
  return (
    <section aria-labelledby="time-off-title">
      <h2 id="time-off-title">{t('timeOff.title')}</h2>
      {timeOff.isPending ? (
        <Loading />
      ) : timeOff.isError ? (
        <ErrorMessage error={timeOff.error} />
      ) : items.length === 0 ? (
        <Empty>{t('timeOff.none')}</Empty>
      ) : (
        <ul className="list">
          {items.map((off) => (
            <li key={off.id}>
              <span>
                {period(off)} — {off.reason}
              </span>
              <button
                type="button"
                className="danger small"
                aria-label={t('timeOff.removeLabel', { period: period(off) })}
                onClick={() => setRemoving(off)}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit} noValidate aria-label={t('timeOff.add')}>
        <TextField
          label={t('timeOff.from')}
          type="date"
          value={form.start_date}
          onChange={(start_date) => setForm({ ...form, start_date })}
          error={shown.start_date}
        />
        <TextField
          label={t('timeOff.to')}
          type="date"
          value={form.end_date}
          onChange={(end_date) => setForm({ ...form, end_date })}
          error={shown.end_date}
        />
        <TextField
          label={t('timeOff.reason')}
          value={form.reason}
          onChange={(reason) => setForm({ ...form, reason })}
          error={shown.reason}
          maxLength={200}
        />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('timeOff.add')}
        </button>
      </form>
      {!blocked && <ErrorMessage error={add.error} />}
      {blocked && (
        <AffectedAppointmentsDialog
          title={t('affected.timeOffTitle')}
          message={t('affected.timeOffMessage', {
            period: period({ start_date: blocked.timeOff.start_date, end_date: blocked.timeOff.end_date }),
            count: blocked.appointments.length,
          })}
          appointments={blocked.appointments}
          timeZone={CLINIC_TIME_ZONE}
          onClose={() => {
            add.reset();
            setBlocked(undefined);
          }}
          cancel={{
            pending: add.isPending,
            error: affectedAppointments(add.error) ? undefined : add.error,
            onConfirm: (reason) => addTimeOff(blocked.timeOff, { reason }),
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('timeOff.removeTitle')}
          message={t('timeOff.removeQuestion', { period: period(removing) })}
          confirmLabel={t('common.remove')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(undefined) })}
          onClose={() => {
            remove.reset();
            setRemoving(undefined);
          }}
        />
      )}
    </section>
  );
}
