import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import type { Appointment } from '../../../lib/types.ts';

/** Staff open an appointment's history from its card. */
export function TimelineLink({ appointment }: { appointment: Appointment }) {
  const { t, i18n } = useTranslation();
  return (
    <p>
      <Link
        to={`/appointments/${appointment.id}/timeline`}
        aria-label={t('timeline.openLabel', {
          name: appointment.patient_name,
          time: formatDateTime(appointment.start_time, i18n.language, CLINIC_TIME_ZONE),
        })}
      >
        {t('timeline.open')}
      </Link>
    </p>
  );
}
