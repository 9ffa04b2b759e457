import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../lib/types.ts';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}
