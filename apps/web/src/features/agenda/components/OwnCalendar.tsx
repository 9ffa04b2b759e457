import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { ScheduleEditor } from '../../schedules/components/ScheduleEditor.tsx';
import { TimeOffEditor } from '../../schedules/components/TimeOffEditor.tsx';
import { useOwnDoctor } from '../api/own-doctor.ts';

/** A doctor's own weekly hours and days off. */
export function OwnCalendar() {
  const { t } = useTranslation();
  const doctor = useOwnDoctor();
  return (
    <section className="page">
      <h1>{t('nav.calendar')}</h1>
      <p>
        <Link to="/agenda">{t('agenda.title')}</Link>
      </p>
      {doctor.isPending ? (
        <Loading />
      ) : doctor.isError ? (
        <ErrorMessage error={doctor.error} />
      ) : !doctor.data ? (
        <p>{t('agenda.noDoctorRecord')}</p>
      ) : (
        <>
          <ScheduleEditor doctorId={doctor.data.id} />
          <TimeOffEditor doctorId={doctor.data.id} />
        </>
      )}
    </section>
  );
}
