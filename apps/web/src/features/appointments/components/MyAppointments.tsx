import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
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
