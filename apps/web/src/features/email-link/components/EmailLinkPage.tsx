import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime, formatTime } from '../../../lib/dates.ts';
import { i18n } from '../../../lib/i18n.ts';
import { pdfHref, useAppointmentByLink, useCancelByLink, type AppointmentByLink } from '../api/link.ts';
import { useLinkError } from './link-errors.ts';
import { LinkReschedule } from './LinkReschedule.tsx';

type Opened = 'reschedule' | 'cancel' | undefined;

/** Which dialog the link asks for (`?do=cancel`, `?do=reschedule`), when the link still allows it. */
function askedFor(value: string | null, actions: AppointmentByLink['actions']): Opened {
  if (value === 'cancel' && actions.includes('CANCEL')) return 'cancel';
  if (value === 'reschedule' && actions.includes('RESCHEDULE')) return 'reschedule';
  return undefined;
}

/**
 * The page an appointment email's link opens, without a login: the appointment in the patient's
 * language (the link carries it), and the changes the link allows now.
 */
export function EmailLinkPage() {
  const { t, i18n: current } = useTranslation();
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  const view = useAppointmentByLink(token);
  const cancel = useCancelByLink(token);
  const cancelError = useLinkError(cancel.error);
  const viewError = useLinkError(view.error);
  const [opened, setOpened] = useState<Opened>();
  const [asked, setAsked] = useState(false);
  const language = view.data?.language;

  // The email's language, not this browser's: the page speaks as the email did (the choice is not stored).
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);
  // The dialog the email's button asked for opens once, when the link still allows it.
  useEffect(() => {
    if (!view.data || asked) return;
    setAsked(true);
    setOpened(askedFor(search.get('do'), view.data.actions));
  }, [view.data, asked, search]);

  if (view.isPending) return <Loading />;
  if (!view.data) {
    return (
      <section className="page">
        <h1>{t('emailLink.title')}</h1>
        <ErrorMessage error={viewError} />
      </section>
    );
  }
  const { appointment: a, actions } = view.data;
  const lang = current.language;
  return (
    <section className="page email-link">
      <h1>{t('emailLink.title')}</h1>
      {cancel.isSuccess && (
        <p className="success" role="status">
          {t('emailLink.cancelled')}
        </p>
      )}
      <dl className="summary">
        <dt>{t('emailLink.patient')}</dt>
        <dd>{a.patient_name}</dd>
        {a.family_member_name && (
          <>
            <dt>{t('family.forWhom')}</dt>
            <dd>{a.family_member_name}</dd>
          </>
        )}
        <dt>{t('emailLink.doctor')}</dt>
        <dd>{a.doctor_name}</dd>
        <dt>{t('emailLink.specialization')}</dt>
        <dd>{a.specialization_name}</dd>
        {a.visit_type_name_ro && (
          <>
            <dt>{t('visitTypes.choose')}</dt>
            <dd>{lang === 'en' ? (a.visit_type_name_en ?? a.visit_type_name_ro) : a.visit_type_name_ro}</dd>
          </>
        )}
        <dt>{t('emailLink.time')}</dt>
        <dd data-testid="link-time">
          {formatDateTime(a.start_time, lang, CLINIC_TIME_ZONE)}–{formatTime(a.end_time, lang, CLINIC_TIME_ZONE)}
        </dd>
        <dt>{t('emailLink.cabinet')}</dt>
        <dd>{t('emailLink.cabinetLine', { name: a.cabinet_name, location: a.cabinet_location, floor: a.cabinet_floor })}</dd>
        <dt>{t('emailLink.status')}</dt>
        <dd data-testid="link-status">{t(`emailLink.statuses.${a.status}`)}</dd>
      </dl>
      <p>
        {view.data.pdf_ready ? (
          <a href={pdfHref(token)} className="button secondary">
            {t('emailLink.pdf')}
          </a>
        ) : (
          t('emailLink.pdfPreparing')
        )}
      </p>
      {actions.includes('RESCHEDULE') || actions.includes('CANCEL') ? (
        <div className="actions">
          {actions.includes('RESCHEDULE') && (
            <button type="button" className="primary" onClick={() => setOpened('reschedule')}>
              {t('emailLink.reschedule')}
            </button>
          )}
          {actions.includes('CANCEL') && (
            <button type="button" className="danger" onClick={() => setOpened('cancel')}>
              {t('emailLink.cancel')}
            </button>
          )}
        </div>
      ) : (
        !cancel.isSuccess && <p>{t('emailLink.noChanges', { hours: view.data.patient_change_cutoff_hours })}</p>
      )}
      {opened === 'reschedule' && <LinkReschedule token={token} appointment={a} onClose={() => setOpened(undefined)} />}
      {opened === 'cancel' && (
        <ConfirmDialog
          title={t('emailLink.cancelTitle')}
          message={t('emailLink.cancelQuestion', { doctor: a.doctor_name, when: formatDateTime(a.start_time, lang, CLINIC_TIME_ZONE) })}
          confirmLabel={t('emailLink.cancelConfirm')}
          danger
          pending={cancel.isPending}
          error={cancelError}
          onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setOpened(undefined) })}
          onClose={() => {
            cancel.reset();
            setOpened(undefined);
          }}
        />
      )}
    </section>
  );
}
