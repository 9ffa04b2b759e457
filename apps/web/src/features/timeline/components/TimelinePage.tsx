import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime, formatTime } from '../../../lib/dates.ts';
import { useMe } from '../../auth/api/me.ts';
import { useAppointment, useTimeline, type TimelineEntry } from '../api/timeline.ts';

/** An appointment's story for the clinic's staff: who booked it and how, each change, PDF, reminder and email. */
export function TimelinePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const appointment = useAppointment(id);
  const timeline = useTimeline(id);
  const back = me.data?.role === 'ADMIN' ? '/admin/day' : '/agenda';
  const a = appointment.data;
  return (
    <section className="page" aria-labelledby="timeline-title">
      <p>
        <Link to={back}>⟵ {t(me.data?.role === 'ADMIN' ? 'timeline.backToDay' : 'timeline.backToAgenda')}</Link>
      </p>
      <h1 id="timeline-title">{t('timeline.title')}</h1>
      <ErrorMessage error={appointment.error ?? timeline.error} />
      {a && (
        <p className="timeline-summary">
          <strong>{a.patient_name}</strong> · {a.doctor_name} · {formatDateTime(a.start_time, i18n.language, CLINIC_TIME_ZONE)}–
          {formatTime(a.end_time, i18n.language, CLINIC_TIME_ZONE)} <StatusBadge status={a.status} />
        </p>
      )}
      {timeline.isPending ? (
        <Loading />
      ) : timeline.data ? (
        <>
          {!timeline.data.emails_known && <p className="muted">{t('timeline.emailsUnknown')}</p>}
          {timeline.data.entries.length === 0 ? (
            <Empty>{t('timeline.empty')}</Empty>
          ) : (
            <ol className="timeline" aria-label={t('timeline.title')}>
              {timeline.data.entries.map((entry, index) => (
                <TimelineItem key={`${entry.at}-${entry.kind}-${index}`} entry={entry} />
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const when = (instant: string) => formatDateTime(instant, i18n.language, CLINIC_TIME_ZONE);
  const who = entry.actor
    ? t('timeline.by', { name: entry.actor.name ?? entry.actor.id, role: t(`timeline.role.${entry.actor.role}`) })
    : null;
  return (
    <li className={`timeline-entry timeline-${entry.kind.toLowerCase()}`} data-kind={entry.kind}>
      <time dateTime={entry.at}>{when(entry.at)}</time>
      <p className="timeline-what">
        <strong>{t(`timeline.kind.${entry.kind}`)}</strong>
        {entry.pdf_version !== undefined && <> · {t('timeline.pdfVersion', { version: entry.pdf_version })}</>}
        {entry.booked_via && <> · {t(`timeline.via.${entry.booked_via}`)}</>}
        {who && <> · {who}</>}
      </p>
      {entry.kind === 'RESCHEDULED' && entry.previous_start_time && entry.start_time && (
        <p>{t('timeline.moved', { from: when(entry.previous_start_time), to: when(entry.start_time) })}</p>
      )}
      {entry.kind === 'BOOKED' && entry.start_time && <p>{t('timeline.bookedFor', { time: when(entry.start_time) })}</p>}
      {entry.reason && <p className="timeline-reason">{t('timeline.reason', { reason: entry.reason })}</p>}
      {entry.email && (
        <p className="timeline-email">
          {t('timeline.emailTo', { email: entry.email.recipient_email, subject: entry.email.subject })}{' '}
          <span className={`timeline-delivery delivery-${entry.email.status.toLowerCase()}`}>
            {t(`timeline.delivery.${entry.email.status}`)}
            {entry.email.sent_at && ` (${formatTime(entry.email.sent_at, i18n.language, CLINIC_TIME_ZONE)})`}
          </span>
        </p>
      )}
    </li>
  );
}
