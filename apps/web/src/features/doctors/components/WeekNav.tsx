import { useTranslation } from 'react-i18next';
import { addDays, formatDate } from '../../../lib/dates.ts';

/**
 * The dates a week of free times covers, with the earlier and later weeks a click away; never earlier
 * than today. Used wherever a week of free times is picked from (a doctor's page, a reschedule, the
 * front desk).
 */
export function WeekNav({
  from,
  today,
  days,
  onChange,
  laterDisabled = false,
}: {
  /** The week's first date (YYYY-MM-DD, the clinic's calendar). */
  from: string;
  today: string;
  days: number;
  onChange: (from: string) => void;
  /** Set when every later date is beyond the booking horizon. */
  laterDisabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="week-nav">
      <button
        type="button"
        className="secondary"
        disabled={from <= today}
        onClick={() => onChange([addDays(from, -days), today].sort().at(-1)!)}
      >
        {t('doctor.earlier')}
      </button>
      <p aria-live="polite">
        {formatDate(from, i18n.language)} – {formatDate(addDays(from, days - 1), i18n.language)}
      </p>
      <button type="button" className="secondary" disabled={laterDisabled} onClick={() => onChange(addDays(from, days))}>
        {t('doctor.later')}
      </button>
    </div>
  );
}
