import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useJoinWaitlist } from '../api/waitlist.ts';
import { usePeriodText } from '../hooks/period.ts';

export type JoinWaitlistState = ReturnType<typeof useJoinWaitlist>;

/** What joining the waitlist from a doctor's week answered: where to find the entry, or why not. */
export function JoinWaitlistOutcome({ join }: { join: JoinWaitlistState }) {
  const { t } = useTranslation();
  const period = usePeriodText();
  if (join.isSuccess) {
    return (
      <p className="success" role="status">
        {t('waitlist.joined', { period: period(join.data.date_from, join.data.date_to) })} <Link to="/waitlist">{t('waitlist.see')}</Link>
      </p>
    );
  }
  return <ErrorMessage error={join.error} />;
}
