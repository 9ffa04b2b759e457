import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { byStart, useMyAppointments, useMyHistory } from '../api/appointments.ts';
import { AppointmentCard } from './AppointmentCard.tsx';

export function MyAppointments() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'upcoming';
  return (
    <section className="page">
      <h1>{t('appointments.title')}</h1>
      <div className="tabs" role="group" aria-label={t('appointments.title')}>
        <button type="button" aria-pressed={tab === 'upcoming'} onClick={() => setParams({})}>
          {t('appointments.upcoming')}
        </button>
        <button type="button" aria-pressed={tab === 'history'} onClick={() => setParams({ tab: 'history' })}>
          {t('appointments.history')}
        </button>
      </div>
      {tab === 'upcoming' ? <Upcoming /> : <History />}
    </section>
  );
}

function Upcoming() {
  const [cancelled, setCancelled] = useState<Appointment | undefined>();
  return (
    <>
      {/* Always in the page, so a screen reader announces the message when it appears. */}
      <div role="status" className="status-region">
        {cancelled && <CancelledNotice appointment={cancelled} onDismiss={() => setCancelled(undefined)} />}
      </div>
      <UpcomingList onCancelled={setCancelled} />
    </>
  );
}

/** Says plainly that the cancellation went through, and where the appointment is now. */
function CancelledNotice({ appointment, onDismiss }: { appointment: Appointment; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="notice success">
      <p>
        <strong>{t('appointments.cancelledTitle')}</strong>{' '}
        {t('appointments.cancelledMessage', {
          doctor: appointment.doctor_name,
          when: formatDateTime(appointment.start_time, i18n.language, CLINIC_TIME_ZONE),
        })}{' '}
        <Link to="/appointments?tab=history">{t('appointments.cancelledHistory')}</Link>
      </p>
      <button type="button" className="secondary" onClick={onDismiss}>
        {t('appointments.dismiss')}
      </button>
    </div>
  );
}

function UpcomingList({ onCancelled }: { onCancelled: (appointment: Appointment) => void }) {
  const { t } = useTranslation();
  const mine = useMyAppointments();
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <ErrorMessage error={mine.error} />;
  if (mine.data.length === 0) {
    return (
      <Empty>
        {t('appointments.none')} <Link to="/">{t('appointments.findDoctor')}</Link>
      </Empty>
    );
  }
  return (
    <ul className="cards">
      {[...mine.data].sort(byStart).map((appointment) => (
        <AppointmentCard
          key={appointment.id}
          appointment={appointment}
          timeZone={CLINIC_TIME_ZONE}
          show="doctor"
          can={{ pdf: true, cancel: true, reschedule: true }}
          onCancelled={onCancelled}
        />
      ))}
    </ul>
  );
}

function History() {
  const { t } = useTranslation();
  const history = useMyHistory();
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorMessage error={history.error} />;
  if (history.data.length === 0) return <Empty>{t('appointments.noHistory')}</Empty>;
  return (
    <ul className="cards">
      {[...history.data]
        .sort((a, b) => byStart(b, a))
        .map((appointment) => (
          <AppointmentCard key={appointment.id} appointment={appointment} timeZone={CLINIC_TIME_ZONE} show="doctor" can={{ pdf: true }} />
        ))}
    </ul>
  );
}
