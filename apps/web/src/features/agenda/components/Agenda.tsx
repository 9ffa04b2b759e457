import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { addDays, clinicToday, dateIn, formatDate, isCalendarDate, mondayOf, startOfDay } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { byStart, useAllAppointments } from '../../appointments/api/appointments.ts';
import { AppointmentCard } from '../../appointments/components/AppointmentCard.tsx';
import { TimelineLink } from '../../timeline/components/TimelineLink.tsx';
import { useDoctorFrames, type DoctorFrame } from '../api/calendar.ts';
import { useOwnDoctor } from '../api/own-doctor.ts';
import { timeOffOn, viewDates, visibleAppointments, workingSpans } from '../lib/calendar-layout.ts';
import { CalendarGrid, type CalendarColumn } from './CalendarGrid.tsx';

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

/** The calendar's columns: one per date of the view, with the doctor's hours and time off. */
export function dayColumns(
  dates: readonly string[],
  appointments: readonly Appointment[],
  frame: DoctorFrame | undefined,
  options: { timeZone: string; today: string; title: (date: string) => string },
): CalendarColumn[] {
  return dates.map((date) => ({
    key: date,
    title: options.title(date),
    date,
    working: frame ? workingSpans(frame.entries, date) : [],
    timeOff: frame ? timeOffOn(frame.timeOff, date)?.reason : undefined,
    appointments: appointments.filter((a) => dateIn(a.start_time, options.timeZone) === date),
    isToday: date === options.today,
  }));
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
  // Held here as well as in the address: the box shows a click at once, not after the navigation.
  const [showCancelled, setShowCancelled] = useState(params.get('cancelled') === '1');
  const go = (next: { view?: string; date?: string; cancelled?: boolean }) =>
    setParams({
      view: next.view ?? view,
      date: next.date ?? date,
      ...((next.cancelled ?? showCancelled) ? { cancelled: '1' } : {}),
    });
  const doctor = useOwnDoctor();
  const frame = useDoctorFrames(doctor.data ? [doctor.data.id] : []).frames?.get(doctor.data?.id ?? '');
  const shown = appointments.data ? visibleAppointments(appointments.data, showCancelled) : [];
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
        <label className="check">
          <input
            type="checkbox"
            checked={showCancelled}
            onChange={(event) => {
              setShowCancelled(event.target.checked);
              go({ cancelled: event.target.checked });
            }}
          />
          {t('calendar.showCancelled')}
        </label>
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
      ) : (
        <>
          <CalendarGrid
            kind={view}
            label={t('calendar.label')}
            timeZone={CLINIC_TIME_ZONE}
            columns={dayColumns(viewDates(from, days), shown, frame, {
              timeZone: CLINIC_TIME_ZONE,
              today,
              title: (day) => formatDate(day, i18n.language),
            })}
          />
          {shown.length === 0 ? <Empty>{t('agenda.none')}</Empty> : <AgendaList appointments={shown} days={days} />}
        </>
      )}
    </section>
  );
}

/** The period's appointments as cards under their dates, with what can be done with each. */
function AgendaList({ appointments, days }: { appointments: Appointment[]; days: number }) {
  const { i18n } = useTranslation();
  return (
    <div className="agenda-list">
      {byDate(appointments, CLINIC_TIME_ZONE).map(([day, items]) => (
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
              >
                <TimelineLink appointment={appointment} />
              </AppointmentCard>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
