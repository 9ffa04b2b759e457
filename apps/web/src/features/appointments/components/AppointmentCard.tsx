import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { formatDateTime, formatTime } from '../../../lib/dates.ts';
import { appointmentVisitType } from '../../booking/api/visit-types.ts';
import type { Appointment } from '../../../lib/types.ts';
import { AppointmentActions } from './AppointmentActions.tsx';

interface AppointmentCardProps {
  appointment: Appointment;
  timeZone: string;
  /** Whose name leads: the doctor's for a patient, the patient's for staff. */
  show: 'doctor' | 'patient' | 'both';
  can: React.ComponentProps<typeof AppointmentActions>['can'];
  /** Shown to the clinic's staff: changes inside the patient cut-off ask for a reason. */
  staff?: boolean;
  /** Told when this user cancelled it (the patient's page then says so). */
  onCancelled?: (appointment: Appointment) => void;
  /** More for this card's reader, above the actions (staff: a link to the appointment's history). */
  children?: React.ReactNode;
}

export function AppointmentCard({ appointment, timeZone, show, can, staff, onCancelled, children }: AppointmentCardProps) {
  const { t, i18n } = useTranslation();
  const visitType = appointmentVisitType(appointment, i18n.language);
  return (
    <li className="card appointment" id={`appointment-${appointment.id}`}>
      <div className="appointment-head">
        <h3>
          {formatDateTime(appointment.start_time, i18n.language, timeZone)}–{formatTime(appointment.end_time, i18n.language, timeZone)}
        </h3>
        <StatusBadge status={appointment.status} />
      </div>
      {show !== 'patient' && (
        <p>
          <strong>{appointment.doctor_name}</strong> · {appointment.specialization_name}
        </p>
      )}
      {show !== 'doctor' && <p>{t('appointments.patient', { name: appointment.patient_name })}</p>}
      {visitType && <p className="visit-type-line">{t('visitTypes.line', { name: visitType })}</p>}
      {appointment.family_member_name && <p className="for-whom">{t('family.forName', { name: appointment.family_member_name })}</p>}
      {appointment.reason && <p className="visit-reason">{t('family.reasonShown', { reason: appointment.reason })}</p>}
      <p className="muted">
        {t('doctor.cabinetLine', {
          name: appointment.cabinet_name,
          location: appointment.cabinet_location,
          floor: appointment.cabinet_floor,
        })}
      </p>
      {appointment.booked_by && appointment.booked_by !== appointment.patient_id && (
        <p className="muted">{staff ? t('appointments.bookedByFrontDesk') : t('appointments.bookedForYou')}</p>
      )}
      {(appointment.status === 'EXPIRED' || appointment.status === 'NO_SHOW') && (
        <p className="muted">
          {t(staff ? `appointments.statusNoteStaff.${appointment.status}` : `appointments.statusNote.${appointment.status}`)}
        </p>
      )}
      {children}
      <AppointmentActions appointment={appointment} timeZone={timeZone} can={can} staff={staff} onCancelled={onCancelled} />
    </li>
  );
}
