import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime, type GridColumn } from '../../../lib/dates.ts';
import type { Slot } from '../../../lib/types.ts';
import { closedDayName } from '../../closed-days/components/closed-day-name.ts';
import { isWaitableDay } from '../../waitlist/components/waitlist-days.ts';

interface WeekGridProps {
  columns: GridColumn[];
  timeZone: string;
  horizonDays: number;
  onPick: (slot: Slot) => void;
  /** Offered on a fully booked day: wait for a time there to be freed. */
  onWait?: (date: string) => void;
}

/** A week at a glance: one column per day with its free times, or in words why it has none. */
export function WeekGrid({ columns, timeZone, horizonDays, onPick, onWait }: WeekGridProps) {
  return (
    <div className="week">
      {columns.map((column) => (
        <DayColumn key={column.date} column={column} timeZone={timeZone} horizonDays={horizonDays} onPick={onPick} onWait={onWait} />
      ))}
    </div>
  );
}

function DayColumn({ column, timeZone, horizonDays, onPick, onWait }: { column: GridColumn } & Omit<WeekGridProps, 'columns'>) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const longDate = formatDate(column.date, i18n.language, 'long');
  // The clinic's closed day and the notice have their words in their own namespace.
  const reasonText = ({ reason, closedDay }: GridColumn) =>
    reason === 'CLOSED'
      ? t('closedDays.closedOn', { name: closedDay ? closedDayName(closedDay, i18n.language) : '' })
      : reason === 'TOO_SOON'
        ? t('closedDays.tooSoon')
        : t(`reason.${reason ?? 'NOT_WORKING'}`, { days: horizonDays });
  return (
    <section className={`day${column.isToday ? ' today' : ''}${column.slots.length === 0 ? ' closed' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="sr-only">{longDate}</span>
        <span aria-hidden="true">{formatDate(column.date, i18n.language)}</span>
      </h3>
      {column.slots.length > 0 ? (
        <ul className="time-list">
          {column.slots.map((slot) => {
            const time = formatTime(slot.start, i18n.language, timeZone);
            return (
              <li key={slot.start}>
                <button
                  type="button"
                  className="time"
                  data-slot={slot.start}
                  aria-label={t('booking.pickLabel', { date: longDate, time })}
                  onClick={() => onPick(slot)}
                >
                  {time}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <>
          <p className="no-slots">{reasonText(column)}</p>
          {onWait && isWaitableDay(column) && (
            <button
              type="button"
              className="secondary small"
              aria-label={t('waitlist.joinDayLabel', { date: longDate })}
              onClick={() => onWait(column.date)}
            >
              {t('waitlist.joinDay')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
