import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';
import { axisWindow, blockBox, hourMarks, layOut, spanOn, type Span } from '../lib/calendar-layout.ts';

/** One column of the calendar: a date of a doctor's week, or a doctor on the front desk's day. */
export interface CalendarColumn {
  key: string;
  /** The column's heading (a date, or a doctor's name). */
  title: string;
  /** The calendar date the column shows. */
  date: string;
  /** The schedule's working hours that day, shaded. */
  working: Span[];
  /** The reason of the time off covering the day, if any. */
  timeOff?: string;
  appointments: Appointment[];
  isToday?: boolean;
}

interface CalendarGridProps {
  columns: CalendarColumn[];
  timeZone: string;
  /** What names the calendar for assistive technology. */
  label: string;
  /** `week` collapses on a phone: the day list below the calendar shows the same appointments. */
  kind: 'day' | 'week' | 'doctors';
}

/** Height of one hour on the axis, in rem. */
const HOUR_REM = 4;

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** Appointments as blocks on a time axis, one column per day or per doctor, working hours shaded. */
export function CalendarGrid({ columns, timeZone, label, kind }: CalendarGridProps) {
  const { t } = useTranslation();
  const spans = columns.flatMap((column) => [
    ...column.working,
    ...column.appointments.flatMap((a) => spanOn(a, column.date, timeZone) ?? []),
  ]);
  const window = axisWindow(spans);
  const marks = hourMarks(window);
  const trackStyle = { height: `${marks.length * HOUR_REM}rem` };
  const gridStyle = { '--calendar-columns': columns.length } as CSSProperties;

  return (
    <div className={`calendar-scroll calendar-${kind}`}>
      <div className="calendar" role="group" aria-label={label} style={gridStyle}>
        <div className="calendar-axis" aria-hidden="true">
          <div className="calendar-col-title" />
          <div className="calendar-track" style={trackStyle}>
            {marks.map((hour) => (
              <span
                key={hour}
                className="calendar-hour"
                data-hour={hour}
                style={{ top: `${blockBox({ start: hour * 60, end: hour * 60 }, window).top}%` }}
              >
                {pad(hour)}
              </span>
            ))}
          </div>
        </div>
        {columns.map((column) => (
          <section key={column.key} className={column.isToday ? 'calendar-col today' : 'calendar-col'} aria-label={column.title}>
            <div className="calendar-col-title">{column.title}</div>
            <div className="calendar-track" style={trackStyle}>
              {marks.map((hour) => (
                <span
                  key={hour}
                  className="calendar-line"
                  data-hour={hour}
                  aria-hidden="true"
                  style={{ top: `${blockBox({ start: hour * 60, end: hour * 60 }, window).top}%` }}
                />
              ))}
              {column.working.map((span) => (
                <span key={span.start} className="calendar-working" aria-hidden="true" style={boxStyle(blockBox(span, window))} />
              ))}
              {column.timeOff !== undefined && <p className="calendar-off">{t('calendar.timeOff', { reason: column.timeOff })}</p>}
              {column.working.length === 0 && column.timeOff === undefined && <p className="calendar-closed">{t('calendar.notWorking')}</p>}
              <ul className="calendar-blocks">
                {layOut(
                  column.appointments.flatMap((item) => {
                    const span = spanOn(item, column.date, timeZone);
                    return span ? [{ item, span }] : [];
                  }),
                ).map(({ item, span, lane, lanes }) => (
                  <li
                    key={item.id}
                    className={`calendar-block status-${item.status.toLowerCase()}`}
                    data-appointment={item.id}
                    data-start-minute={span.start}
                    style={{ ...boxStyle(blockBox(span, window)), left: `${(lane / lanes) * 100}%`, width: `${100 / lanes}%` }}
                  >
                    {kind === 'doctors' ? (
                      // The front desk's day opens the appointment's history.
                      <Link className="calendar-block-text" to={`/appointments/${item.id}/timeline`}>
                        <BlockText appointment={item} timeZone={timeZone} />
                      </Link>
                    ) : (
                      <a href={`#appointment-${item.id}`}>
                        <BlockText appointment={item} timeZone={timeZone} />
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

function BlockText({ appointment, timeZone }: { appointment: Appointment; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span className="calendar-time">
        {formatTime(appointment.start_time, i18n.language, timeZone)}–{formatTime(appointment.end_time, i18n.language, timeZone)}
      </span>{' '}
      <span className="calendar-who">{appointment.family_member_name ?? appointment.patient_name}</span>{' '}
      <span className="calendar-status">{t(`status.${appointment.status}`)}</span>
    </>
  );
}

const boxStyle = (box: { top: number; height: number }) => ({ top: `${box.top}%`, height: `${box.height}%` });
