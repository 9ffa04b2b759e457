import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { pdfLink, useCancelAppointment, useConfirmAppointment, useMarkNoShow } from '../api/appointments.ts';
import { RescheduleDialog } from './RescheduleDialog.tsx';

interface ActionsProps {
  appointment: Appointment;
  timeZone: string;
  /** Which changes this user may make (the API decides in the end). */
  can: { confirm?: boolean; reschedule?: boolean; cancel?: boolean; pdf?: boolean; noShow?: boolean };
}

const isActive = (appointment: Appointment) => appointment.status === 'PENDING' || appointment.status === 'CONFIRMED';
/** A confirmed appointment (or one the clinic completed) whose start has come: the patient may not have come. */
const mayBeNoShow = (appointment: Appointment) =>
  (appointment.status === 'CONFIRMED' || appointment.status === 'COMPLETED') && Date.parse(appointment.start_time) <= Date.now();

export function AppointmentActions({ appointment, timeZone, can }: ActionsProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<'cancel' | 'reschedule' | undefined>();
  const cancel = useCancelAppointment();
  const confirm = useConfirmAppointment();
  const noShow = useMarkNoShow();
  const [pdf, setPdf] = useState<{ pending: boolean; error?: unknown }>({ pending: false });
  const when = formatDateTime(appointment.start_time, i18n.language, timeZone);

  const download = async () => {
    // The tab opens during the click (a tab opened after an await is a blocked pop-up), then gets the link.
    const tab = window.open('', '_blank');
    setPdf({ pending: true });
    try {
      const { url } = await pdfLink(appointment.id);
      setPdf({ pending: false });
      if (tab) tab.location.href = url;
      else window.location.assign(url);
    } catch (error) {
      tab?.close();
      setPdf({ pending: false, error });
    }
  };

  return (
    <div className="actions">
      {can.pdf && appointment.status !== 'CANCELLED' && (
        <button type="button" className="secondary" onClick={() => void download()} disabled={pdf.pending}>
          {pdf.pending ? t('common.working') : t('appointments.pdf')}
        </button>
      )}
      {can.confirm && appointment.status === 'PENDING' && (
        <button type="button" className="primary" onClick={() => confirm.mutate(appointment.id)} disabled={confirm.isPending}>
          {t('appointments.confirm')}
        </button>
      )}
      {can.noShow && mayBeNoShow(appointment) && (
        <button type="button" className="secondary" onClick={() => noShow.mutate(appointment.id)} disabled={noShow.isPending}>
          {t('appointments.noShow')}
        </button>
      )}
      {can.reschedule && appointment.status === 'PENDING' && (
        <button type="button" className="secondary" onClick={() => setOpen('reschedule')}>
          {t('appointments.reschedule')}
        </button>
      )}
      {can.cancel && isActive(appointment) && (
        <button type="button" className="danger" onClick={() => setOpen('cancel')}>
          {t('appointments.cancel')}
        </button>
      )}
      <ErrorMessage error={pdf.error ?? confirm.error ?? noShow.error} />
      {open === 'cancel' && (
        <ConfirmDialog
          title={t('appointments.cancelTitle')}
          message={t('appointments.cancelQuestion', { doctor: appointment.doctor_name, when })}
          confirmLabel={t('appointments.cancelConfirm')}
          danger
          pending={cancel.isPending}
          error={cancel.error}
          onConfirm={() => cancel.mutate(appointment.id, { onSuccess: () => setOpen(undefined) })}
          onClose={() => {
            cancel.reset();
            setOpen(undefined);
          }}
        />
      )}
      {open === 'reschedule' && <RescheduleDialog appointment={appointment} onClose={() => setOpen(undefined)} />}
    </div>
  );
}
