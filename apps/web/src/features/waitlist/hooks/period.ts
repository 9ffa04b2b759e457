import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/dates.ts';

/** The days a waitlist entry waits for, in words: one day, or from one to another. */
export function usePeriodText() {
  const { i18n } = useTranslation();
  return (from: string, to: string) =>
    from === to
      ? formatDate(from, i18n.language, 'long')
      : `${formatDate(from, i18n.language, 'long')} – ${formatDate(to, i18n.language, 'long')}`;
}
