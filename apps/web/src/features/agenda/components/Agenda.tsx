import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { addDays, clinicToday, dateIn, formatDate, isCalendarDate, mondayOf, startOfDay } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { byStart, useAllAppointments } from '../../appointments/api/appointments.ts';
import { AppointmentCard } from '../../appointments/components/AppointmentCard.tsx';

/** The dates an agenda view covers: one day, or the Monday-to-Sunday week around it. */
export function agendaSpan(view: 'day' | 'week', date: string): { from: string; days: number } {
  return view === 'day' ? { from: date, days: 1 } : { from: mondayOf(date), days: 7 };
}

/** Appointments grouped by their date in the clinic's zone, dates in order. */
export function byDate(appointments: readonly Appointment[], timeZone: string): [string, Appointment[]][] {
  const groups = new Map<string, Appointment[]>();
  for (const appointment of [...appointments].sort(byStart)) {
    const date = dateIn(appointment.start_time, timeZone);
    groups.set(date, [...(groups.get(date) ?? []), appointment]);
  }
  return [...groups.entries()];
}

export function Agenda() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const view = params.get('view') === 'week' ? 'week' : 'day';
  const dateParam = params.get('date');
  const date = dateParam && isCalendarDate(dateParam) ? dateParam : today;
  const { from, days } = agendaSpan(view, date);
  const appointments = useAllAppointments({
    from: startOfDay(from, CLINIC_TIME_ZONE),
    to: startOfDay(addDays(from, days), CLINIC_TIME_ZONE),
  });
  const go = (next: { view?: string; date?: string }) => setParams({ view: next.view ?? view, date: next.date ?? date });
  const step = view === 'day' ? 1 : 7;

  return (
    <section className="page">
      <h1>{t('agenda.title')}</h1>
      <p>
        <Link to="/agenda/calendar">{t('nav.calendar')}</Link>
      </p>
      <div className="toolbar">
        <div className="tabs" role="group" aria-label={t('agenda.view')}>
          <button type="button" aria-pressed={view === 'day'} onClick={() => go({ view: 'day' })}>
            {t('agenda.day')}
          </button>
          <button type="button" aria-pressed={view === 'week'} onClick={() => go({ view: 'week' })}>
            {t('agenda.week')}
          </button>
        </div>
        <div className="week-nav">
          <button type="button" className="secondary" onClick={() => go({ date: addDays(date, -step) })}>
            {t('agenda.previous')}
          </button>
          <button type="button" className="secondary" onClick={() => go({ date: today })}>
            {t('agenda.today')}
          </button>
          <button type="button" className="secondary" onClick={() => go({ date: addDays(date, step) })}>
            {t('agenda.next')}
          </button>
        </div>
      </div>
      <p className="period" aria-live="polite">
        {days === 1
          ? formatDate(from, i18n.language, 'long')
          : `${formatDate(from, i18n.language)} – ${formatDate(addDays(from, 6), i18n.language)}`}
      </p>
      {appointments.isPending ? (
        <Loading />
      ) : appointments.isError ? (
        <ErrorMessage error={appointments.error} />
      ) : appointments.data.length === 0 ? (
        <Empty>{t('agenda.none')}</Empty>
      ) : (
        byDate(appointments.data, CLINIC_TIME_ZONE).map(([day, items]) => (
          <section key={day} aria-label={formatDate(day, i18n.language, 'long')}>
            {days > 1 && <h2>{formatDate(day, i18n.language, 'long')}</h2>}
            <ul className="cards">
              {items.map((appointment) => (
                <AppointmentCard
                  key={appointment.id}
                  appointment={appointment}
                  timeZone={CLINIC_TIME_ZONE}
                  show="patient"
                  can={{ confirm: true, cancel: true, reschedule: true, pdf: true, noShow: true }}
                  staff
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
