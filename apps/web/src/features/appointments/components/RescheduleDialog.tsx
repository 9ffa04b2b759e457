import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { clinicToday } from '../../../lib/dates.ts';
import type { Appointment, Slot } from '../../../lib/types.ts';
import { useReschedule } from '../../booking/api/book.ts';
import { ConfirmTimeDialog } from '../../booking/components/ConfirmTimeDialog.tsx';
import { useAvailability } from '../../doctors/api/doctors.ts';
import { FreeTimesDialog } from '../../doctors/components/FreeTimesDialog.tsx';
import { StaffReasonField, useStaffReason } from './StaffReason.tsx';

/** Moves a PENDING appointment with the same week picker and confirm step as booking. */
interface RescheduleDialogProps {
  appointment: Appointment;
  /** Staff may say why (told to the patient); `required` inside the patient cut-off. */
  reason?: { required: boolean };
  onClose: () => void;
}

export function RescheduleDialog({ appointment, reason, onClose }: RescheduleDialogProps) {
  const { t } = useTranslation();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const [from, setFrom] = useState(today);
  const [picked, setPicked] = useState<Slot>();
  // A visit type's appointment moves to times of its own length.
  const availability = useAvailability(appointment.doctor_id, from, 7, appointment.visit_type_id ?? undefined);
  const reschedule = useReschedule();
  const timeZone = availability.data?.time_zone ?? CLINIC_TIME_ZONE;
  const doctor = {
    id: appointment.doctor_id,
    full_name: appointment.doctor_name,
    specialization: { name: appointment.specialization_name },
    cabinet: { name: appointment.cabinet_name, location: appointment.cabinet_location, floor: appointment.cabinet_floor },
  };

  const staffReason = useStaffReason(reason, reschedule.error);

  if (picked) {
    return (
      <ConfirmTimeDialog
        title={t('appointments.rescheduleConfirmTitle')}
        doctor={doctor}
        slot={picked}
        timeZone={timeZone}
        confirmLabel={t('appointments.rescheduleConfirm')}
        pending={reschedule.isPending}
        error={reschedule.error}
        onConfirm={(slot, idempotencyKey) => {
          if (!staffReason.submit()) return;
          reschedule.mutate(
            { appointmentId: appointment.id, slot, idempotencyKey, reason: staffReason.value },
            { onSuccess: () => onClose() },
          );
        }}
        onPickOther={(slot) => {
          reschedule.reset();
          setPicked(slot);
        }}
        onClose={() => {
          reschedule.reset();
          setPicked(undefined);
        }}
      >
        <StaffReasonField reason={staffReason} />
      </ConfirmTimeDialog>
    );
  }

  return (
    <FreeTimesDialog
      title={t('appointments.rescheduleTitle', { doctor: appointment.doctor_name })}
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
