import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../lib/dates.ts';
import type { AffectedAppointment } from '../lib/types.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { TextField } from './Field.tsx';

interface AffectedAppointmentsDialogProps {
  title: string;
  /** What stands in the way, in words. */
  message: string;
  appointments: AffectedAppointment[];
  timeZone: string;
  onClose: () => void;
  /** Offered for a calendar change: cancel them all with a reason the patients are told, and make the change. */
  cancel?: { onConfirm: (reason: string) => void; pending: boolean; error: unknown };
}

/** The appointments, by time, each with its patient. */
export function AffectedList({ appointments, timeZone }: { appointments: AffectedAppointment[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const sorted = [...appointments].sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time));
  return (
    <ul className="list affected" aria-label={t('affected.listLabel')}>
      {sorted.map((appointment) => (
        <li key={appointment.id}>
          <span>
            {formatDateTime(appointment.start_time, i18n.language, timeZone)}–{formatTime(appointment.end_time, i18n.language, timeZone)}
          </span>
          <span>{appointment.patient_name}</span>
        </li>
      ))}
    </ul>
  );
}

/** The appointments a change is refused over (time and patient), and what can be done about them. */
export function AffectedAppointmentsDialog({ title, message, appointments, timeZone, onClose, cancel }: AffectedAppointmentsDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const missing = !reason.trim();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={onClose} data-autofocus={cancel ? undefined : true}>
            {t('common.back')}
          </button>
          {cancel && (
            <button
              type="button"
              className="danger"
              disabled={cancel.pending}
              onClick={() => {
                setSubmitted(true);
                if (!missing) cancel.onConfirm(reason.trim());
              }}
            >
              {cancel.pending ? t('common.working') : t('affected.cancelAll', { count: appointments.length })}
            </button>
          )}
        </>
      }
    >
      <p>{message}</p>
      <AffectedList appointments={appointments} timeZone={timeZone} />
      {cancel && (
        <TextField
          label={t('affected.reason')}
          hint={t('affected.reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          required
          error={submitted && missing ? 'forms.required' : undefined}
          data-autofocus
        />
      )}
      <ErrorMessage error={cancel?.error} />
    </Dialog>
  );
}
