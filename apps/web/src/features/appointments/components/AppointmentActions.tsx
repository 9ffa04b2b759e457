import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { changePhase, changesCloseAt, type ChangePhase } from '../../../lib/change-rules.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { pdfLink, useAppointmentRules, useConfirmAppointment, useMarkNoShow } from '../api/appointments.ts';
import { CancelDialog } from './CancelDialog.tsx';
import { RescheduleDialog } from './RescheduleDialog.tsx';

interface ActionsProps {
  appointment: Appointment;
  timeZone: string;
  /** Which changes this user may make (the API decides in the end). */
  can: { confirm?: boolean; reschedule?: boolean; cancel?: boolean; pdf?: boolean; noShow?: boolean };
  /** The clinic's staff (its doctor, an admin) change it inside the patient cut-off too, saying why. */
  staff?: boolean;
  /** Told once a cancellation went through. */
  onCancelled?: (appointment: Appointment) => void;
}

const isActive = (appointment: Appointment) => appointment.status === 'PENDING' || appointment.status === 'CONFIRMED';
/** A confirmed appointment (or one the clinic completed) whose start has come: the patient may not have come. */
const mayBeNoShow = (appointment: Appointment) =>
  (appointment.status === 'CONFIRMED' || appointment.status === 'COMPLETED') && Date.parse(appointment.start_time) <= Date.now();

export function AppointmentActions({ appointment, timeZone, can, staff = false, onCancelled }: ActionsProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<'cancel' | 'reschedule' | undefined>();
  const confirm = useConfirmAppointment();
  const noShow = useMarkNoShow();
  const rules = useAppointmentRules();
  const [pdf, setPdf] = useState<{ pending: boolean; error?: unknown }>({ pending: false });
  // Until the rules arrive the buttons show; the server refuses in plain words what is too late.
  const cutoffHours = rules.data?.patient_change_cutoff_hours;
  const phase: ChangePhase = cutoffHours === undefined ? 'OPEN' : changePhase(appointment.start_time, cutoffHours);
  const closedToPatient = !staff && phase !== 'OPEN' && isActive(appointment);
  const reasonRequired = staff && phase !== 'OPEN';
  const mayReschedule = can.reschedule && appointment.status === 'PENDING' && !closedToPatient;
  const mayCancel = can.cancel && isActive(appointment) && !closedToPatient;

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
    <>
      {closedToPatient && (can.cancel || can.reschedule) && (
        <p className="note">
          {phase === 'STARTED'
            ? t('appointments.startedNote')
            : t('appointments.cutoffNote', {
                hours: cutoffHours,
                when: formatDateTime(changesCloseAt(appointment.start_time, cutoffHours!), i18n.language, timeZone),
              })}
        </p>
      )}
      {reasonRequired && isActive(appointment) && (can.cancel || can.reschedule) && (
        <p className="muted">{t('appointments.staffReasonNote', { hours: cutoffHours })}</p>
      )}
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
        {mayReschedule && (
          <button type="button" className="secondary" onClick={() => setOpen('reschedule')}>
            {t('appointments.reschedule')}
          </button>
        )}
        {mayCancel && (
          <button type="button" className="danger" onClick={() => setOpen('cancel')}>
            {t('appointments.cancel')}
          </button>
        )}
        <ErrorMessage error={pdf.error ?? confirm.error ?? noShow.error} />
        {open === 'cancel' && (
          <CancelDialog
            appointment={appointment}
            timeZone={timeZone}
            reason={staff ? { required: reasonRequired } : undefined}
            onClose={() => setOpen(undefined)}
            onCancelled={onCancelled}
          />
        )}
        {open === 'reschedule' && (
          <RescheduleDialog
            appointment={appointment}
            reason={staff ? { required: reasonRequired } : undefined}
            onClose={() => setOpen(undefined)}
          />
        )}
      </div>
    </>
  );
}
