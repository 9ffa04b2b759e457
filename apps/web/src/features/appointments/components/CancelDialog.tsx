import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { ApiError, isRefusal } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { useCancelAppointment } from '../api/appointments.ts';

interface CancelDialogProps {
  appointment: Appointment;
  timeZone: string;
  /** Staff may say why (told to the patient); `required` inside the patient cut-off. */
  reason?: { required: boolean };
  onClose: () => void;
}

/** Cancels after a confirmation; staff give the reason the patient is told. */
export function CancelDialog({ appointment, timeZone, reason, onClose }: CancelDialogProps) {
  const { t, i18n } = useTranslation();
  const cancel = useCancelAppointment();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  // The server may ask for a reason the clock here did not (the cut-off passed while the page was open).
  const asked = cancel.error instanceof ApiError && cancel.error.code === 'REASON_REQUIRED';
  const required = Boolean(reason?.required) || asked;
  const missing = required && !text.trim();
  const refused = isRefusal(cancel.error);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refused) back.current?.focus();
  }, [refused]);
  const when = formatDateTime(appointment.start_time, i18n.language, timeZone);

  const submit = () => {
    setSubmitted(true);
    if (missing || cancel.isPending) return;
    cancel.mutate({ id: appointment.id, reason: text.trim() || undefined }, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={t('appointments.cancelTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={onClose} ref={back}>
            {t('common.back')}
          </button>
          {!refused && (
            <button
              type="button"
              className="danger"
              onClick={submit}
              disabled={cancel.isPending}
              data-autofocus={reason ? undefined : true}
            >
              {cancel.isPending ? t('common.working') : t('appointments.cancelConfirm')}
            </button>
          )}
        </>
      }
    >
      <p>{t('appointments.cancelQuestion', { doctor: appointment.doctor_name, when })}</p>
      {(reason || asked) && (
        <TextField
          label={required ? t('appointments.reasonRequired') : t('appointments.reasonOptional')}
          hint={t('appointments.reasonHint')}
          value={text}
          onChange={setText}
          maxLength={500}
          required={required}
          error={submitted && missing ? 'forms.required' : undefined}
          data-autofocus
        />
      )}
      {!asked && <ErrorMessage error={cancel.error} />}
    </Dialog>
  );
}
