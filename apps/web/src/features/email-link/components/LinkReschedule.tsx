import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { clinicToday, formatDateTime } from '../../../lib/dates.ts';
import type { Slot } from '../../../lib/types.ts';
import { ConfirmTimeDialog } from '../../booking/components/ConfirmTimeDialog.tsx';
import { useAvailability } from '../../doctors/api/doctors.ts';
import { FreeTimesDialog } from '../../doctors/components/FreeTimesDialog.tsx';
import { useRescheduleByLink, type AppointmentByLink } from '../api/link.ts';
import { useLinkError } from './link-errors.ts';

interface LinkRescheduleProps {
  token: string;
  appointment: AppointmentByLink['appointment'];
  onClose: () => void;
}

/** The doctor's free times, a week at a time, and the same confirm step as the patient's own move. */
export function LinkReschedule({ token, appointment, onClose }: LinkRescheduleProps) {
  const { t, i18n } = useTranslation();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const [from, setFrom] = useState(today);
  const [picked, setPicked] = useState<Slot>();
  const availability = useAvailability(appointment.doctor_id, from, 7, appointment.visit_type_id ?? undefined);
  const reschedule = useRescheduleByLink(token);
  const error = useLinkError(reschedule.error);
  const timeZone = availability.data?.time_zone ?? CLINIC_TIME_ZONE;
  const doctor = {
    id: appointment.doctor_id,
    full_name: appointment.doctor_name,
    specialization: { name: appointment.specialization_name },
    cabinet: { name: appointment.cabinet_name, location: appointment.cabinet_location, floor: appointment.cabinet_floor },
  };

  if (picked) {
    return (
      <ConfirmTimeDialog
        title={t('emailLink.rescheduleConfirmTitle')}
        doctor={doctor}
        slot={picked}
        timeZone={timeZone}
        confirmLabel={t('emailLink.rescheduleConfirm')}
        pending={reschedule.isPending}
        error={error}
        done={
          reschedule.data && (
            <p role="status" className="success">
              {t('emailLink.rescheduled', { when: formatDateTime(reschedule.data.start_time, i18n.language, timeZone) })}
            </p>
          )
        }
        onConfirm={(slot, idempotencyKey) => reschedule.mutate({ slot, idempotencyKey })}
        onPickOther={(slot) => {
          reschedule.reset();
          setPicked(slot);
        }}
        onClose={() => {
          if (reschedule.data) onClose();
          reschedule.reset();
          setPicked(undefined);
        }}
      />
    );
  }

  return (
    <FreeTimesDialog
      title={t('emailLink.rescheduleTitle', { doctor: appointment.doctor_name })}
      from={from}
      today={today}
      onWeek={setFrom}
      availability={availability}
      timeZone={timeZone}
      onPick={setPicked}
      onClose={onClose}
    />
  );
}
