import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { addDays, startOfDay } from '../../../lib/dates.ts';
import type { AppointmentStatus } from '../../../lib/types.ts';
import { useAppointments } from '../../appointments/api/appointments.ts';
import { AppointmentCard } from '../../appointments/components/AppointmentCard.tsx';
import { useAllDoctors } from '../api/admin.ts';

const STATUSES: AppointmentStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'EXPIRED', 'NO_SHOW'];
const PAGE = 20;

export function AppointmentsAdmin() {
  const { t } = useTranslation();
  const doctors = useAllDoctors();
  const [filter, setFilter] = useState({ doctorId: '', status: '', from: '', to: '' });
  const [offset, setOffset] = useState(0);
  const appointments = useAppointments({
    doctorId: filter.doctorId || undefined,
    status: filter.status as AppointmentStatus | '',
    from: filter.from ? startOfDay(filter.from, CLINIC_TIME_ZONE) : undefined,
    to: filter.to ? startOfDay(addDays(filter.to, 1), CLINIC_TIME_ZONE) : undefined,
    limit: PAGE,
    offset,
  });
  const set = (field: keyof typeof filter) => (value: string) => {
    setFilter({ ...filter, [field]: value });
    setOffset(0);
  };
  return (
    <section aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t('admin.appointments')}</h2>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label={t('booking.doctor')}
          value={filter.doctorId}
          onChange={set('doctorId')}
          options={[{ value: '', label: t('search.any') }, ...(doctors.data ?? []).map((d) => ({ value: d.id, label: d.full_name }))]}
        />
        <SelectField
          label={t('admin.status')}
          value={filter.status}
          onChange={set('status')}
          options={[{ value: '', label: t('search.any') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <TextField label={t('timeOff.from')} type="date" value={filter.from} onChange={set('from')} />
        <TextField label={t('timeOff.to')} type="date" value={filter.to} onChange={set('to')} />
      </form>
      {appointments.isPending ? (
        <Loading />
      ) : appointments.isError ? (
        <ErrorMessage error={appointments.error} />
      ) : appointments.data.items.length === 0 ? (
        <Empty>{t('agenda.none')}</Empty>
      ) : (
        <>
          <ul className="cards">
            {appointments.data.items.map((appointment) => (
              <AppointmentCard
                key={appointment.id}
                appointment={appointment}
                timeZone={CLINIC_TIME_ZONE}
                show="both"
                can={{ confirm: true, cancel: true, reschedule: true, pdf: true, noShow: true }}
                staff
              />
            ))}
          </ul>
          <Pagination offset={offset} limit={PAGE} total={appointments.data.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
