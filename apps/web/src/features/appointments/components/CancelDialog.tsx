import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { isRefusal } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { useCancelAppointment } from '../api/appointments.ts';
import { StaffReasonField, useStaffReason } from './StaffReason.tsx';

interface CancelDialogProps {
  appointment: Appointment;
  timeZone: string;
  /** Staff may say why (told to the patient); `required` inside the patient cut-off. */
  reason?: { required: boolean };
  onClose: () => void;
  onCancelled?: (appointment: Appointment) => void;
}

/** Cancels after a confirmation; staff give the reason the patient is told. */
export function CancelDialog({ appointment, timeZone, reason, onClose, onCancelled }: CancelDialogProps) {
  const { t, i18n } = useTranslation();
  const cancel = useCancelAppointment();
  const staffReason = useStaffReason(reason, cancel.error);
  const refused = isRefusal(cancel.error);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refused) back.current?.focus();
  }, [refused]);
  const when = formatDateTime(appointment.start_time, i18n.language, timeZone);

  const submit = () => {
    if (!staffReason.submit() || cancel.isPending) return;
    cancel.mutate(
      { id: appointment.id, reason: staffReason.value },
      {
        onSuccess: () => {
          onClose();
          onCancelled?.(appointment);
        },
      },
    );
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
      <StaffReasonField reason={staffReason} autoFocus />
      {!staffReason.asked && <ErrorMessage error={cancel.error} />}
    </Dialog>
  );
}
