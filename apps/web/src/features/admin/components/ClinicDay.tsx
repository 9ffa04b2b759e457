import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { addDays, clinicToday, dateIn, formatDate, isCalendarDate, startOfDay } from '../../../lib/dates.ts';
import type { Appointment, Doctor } from '../../../lib/types.ts';
import { useAllAppointments } from '../../appointments/api/appointments.ts';
import { useDoctorFrames, type DoctorFrame } from '../../agenda/api/calendar.ts';
import { timeOffOn, visibleAppointments, workingSpans } from '../../agenda/lib/calendar-layout.ts';
import { CalendarGrid, type CalendarColumn } from '../../agenda/components/CalendarGrid.tsx';
import { useSpecializations } from '../../doctors/api/doctors.ts';
import { useAllDoctors } from '../api/admin.ts';

/**
 * One column per doctor who works the date or has appointments on it (a doctor on time off shows it),
 * in name order.
 */
export function doctorColumns(
  doctors: readonly Doctor[],
  frames: ReadonlyMap<string, DoctorFrame>,
  appointments: readonly Appointment[],
  date: string,
): CalendarColumn[] {
  return [...doctors]
    .sort((a, b) => a.full_name.localeCompare(b.full_name))
    .map((doctor) => {
      const frame = frames.get(doctor.id);
      return {
        key: doctor.id,
        title: doctor.full_name,
        date,
        working: frame ? workingSpans(frame.entries, date) : [],
        timeOff: frame ? timeOffOn(frame.timeOff, date)?.reason : undefined,
        appointments: appointments.filter((a) => a.doctor_id === doctor.id && dateIn(a.start_time, CLINIC_TIME_ZONE) === date),
      };
    })
    .filter((column) => column.working.length > 0 || column.timeOff !== undefined || column.appointments.length > 0);
}

/** The front desk's view of a day: every doctor's appointments side by side. */
export function ClinicDay() {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(() => clinicToday(CLINIC_TIME_ZONE));
  const [specializationId, setSpecializationId] = useState('');
  const [showCancelled, setShowCancelled] = useState(false);
  const specializations = useSpecializations();
  const doctors = useAllDoctors();
  const chosen = (doctors.data ?? []).filter((d) => !specializationId || d.specialization.id === specializationId);
  const { frames, error } = useDoctorFrames(chosen.map((d) => d.id));
  const day = isCalendarDate(date) ? date : clinicToday(CLINIC_TIME_ZONE);
  const appointments = useAllAppointments({
    from: startOfDay(day, CLINIC_TIME_ZONE),
    to: startOfDay(addDays(day, 1), CLINIC_TIME_ZONE),
  });
  const failed = doctors.error ?? error ?? appointments.error;
  const columns =
    frames && appointments.data ? doctorColumns(chosen, frames, visibleAppointments(appointments.data, showCancelled), day) : undefined;

  return (
    <section aria-labelledby="clinic-day-title">
      <h2 id="clinic-day-title">{t('calendar.dayTitle')}</h2>
      <p className="muted">{t('calendar.intro')}</p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <TextField label={t('calendar.date')} type="date" value={date} onChange={setDate} />
        <SelectField
          label={t('calendar.specialization')}
          value={specializationId}
          onChange={setSpecializationId}
          options={[
            { value: '', label: t('calendar.allSpecializations') },
            ...(specializations.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <label className="check">
          <input type="checkbox" checked={showCancelled} onChange={(event) => setShowCancelled(event.target.checked)} />
          {t('calendar.showCancelled')}
        </label>
      </form>
      <p className="period" aria-live="polite">
        {formatDate(day, i18n.language, 'long')}
      </p>
      {failed ? (
        <ErrorMessage error={failed} />
      ) : !columns ? (
        <Loading />
      ) : columns.length === 0 ? (
        <Empty>{t('calendar.noDoctors')}</Empty>
      ) : (
        <CalendarGrid kind="doctors" label={t('calendar.dayTitle')} timeZone={CLINIC_TIME_ZONE} columns={columns} />
      )}
    </section>
  );
}
