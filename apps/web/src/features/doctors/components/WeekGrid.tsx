import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime, type GridColumn } from '../../../lib/dates.ts';
import type { Slot } from '../../../lib/types.ts';

interface WeekGridProps {
  columns: GridColumn[];
  timeZone: string;
  horizonDays: number;
  onPick: (slot: Slot) => void;
}

/** A week at a glance: one column per day with its free times, or in words why it has none. */
export function WeekGrid({ columns, timeZone, horizonDays, onPick }: WeekGridProps) {
  return (
    <div className="week">
      {columns.map((column) => (
        <DayColumn key={column.date} column={column} timeZone={timeZone} horizonDays={horizonDays} onPick={onPick} />
      ))}
    </div>
  );
}

function DayColumn({ column, timeZone, horizonDays, onPick }: { column: GridColumn } & Omit<WeekGridProps, 'columns'>) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const longDate = formatDate(column.date, i18n.language, 'long');
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
        <p className="no-slots">{t(`reason.${column.reason ?? 'NOT_WORKING'}`, { days: horizonDays })}</p>
      )}
    </section>
  );
}
