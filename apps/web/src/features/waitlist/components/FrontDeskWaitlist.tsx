import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { addDays, clinicToday, formatDate, formatDateTime, formatTime } from '../../../lib/dates.ts';
import { randomId } from '../../../lib/ids.ts';
import type { Appointment, WaitlistEntry } from '../../../lib/types.ts';
import { useAddCallerToWaitlist, useBookOverHold, useDoctorWaitlist } from '../api/waitlist.ts';

interface Caller {
  id: string;
  full_name: string;
}

/** The front desk puts the caller on the doctor's waitlist for some days (the limits of a patient's own entries). */
export function AddCallerToWaitlist({ patient, doctorId }: { patient: Caller; doctorId: string }) {
  const { t, i18n } = useTranslation();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 6));
  const add = useAddCallerToWaitlist();
  return (
    <section aria-labelledby="front-desk-waitlist-title">
      <h3 id="front-desk-waitlist-title">{t('timeline.waitlistTitle')}</h3>
      <p className="muted">{t('timeline.waitlistIntro')}</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ doctorId, from, to, patientId: patient.id });
        }}
      >
        <TextField label={t('timeline.from')} type="date" value={from} min={today} onChange={setFrom} required />
        <TextField label={t('timeline.to')} type="date" value={to} min={from} onChange={setTo} required />
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? t('common.working') : t('timeline.addToWaitlist')}
        </button>
      </form>
      {add.isSuccess && (
        <p className="success" role="status">
          {t('timeline.added', {
            name: patient.full_name,
            from: formatDate(add.data.date_from, i18n.language),
            to: formatDate(add.data.date_to, i18n.language),
          })}
        </p>
      )}
      <ErrorMessage error={add.error} />
    </section>
  );
}

/** The doctor's times held for waiting patients now, each bookable for the caller over the hold, with a reason. */
export function HeldTimes({ patient, doctorId }: { patient: Caller; doctorId: string }) {
  const { t, i18n } = useTranslation();
  const waitlist = useDoctorWaitlist(doctorId);
  const [chosen, setChosen] = useState<WaitlistEntry>();
  const held = (waitlist.data?.items ?? []).filter((entry) => entry.offer !== null);
  const when = (entry: WaitlistEntry) =>
    `${formatDateTime(entry.offer!.start_time, i18n.language, CLINIC_TIME_ZONE)}–${formatTime(entry.offer!.end_time, i18n.language, CLINIC_TIME_ZONE)}`;
  return (
    <section aria-labelledby="held-times-title">
      <h3 id="held-times-title">{t('timeline.heldTitle')}</h3>
      {waitlist.isPending ? (
        <Loading />
      ) : waitlist.isError ? (
        <ErrorMessage error={waitlist.error} />
      ) : held.length === 0 ? (
        <Empty>{t('timeline.heldNone')}</Empty>
      ) : (
        <ul className="list">
          {held.map((entry) => (
            <li key={entry.id}>
              <span>
                {t('timeline.heldFor', {
                  time: when(entry),
                  name: entry.patient_name,
                  until: formatTime(entry.offer!.expires_at, i18n.language, CLINIC_TIME_ZONE),
                })}
              </span>
              <button
                type="button"
                className="secondary small"
                aria-label={t('timeline.bookOverLabel', { time: when(entry), name: patient.full_name })}
                onClick={() => setChosen(entry)}
              >
                {t('timeline.bookOver')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && <OverrideDialog patient={patient} doctorId={doctorId} entry={chosen} onClose={() => setChosen(undefined)} />}
    </section>
  );
}

function OverrideDialog({
  patient,
  doctorId,
  entry,
  onClose,
}: {
  patient: Caller;
  doctorId: string;
  entry: WaitlistEntry;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [idempotencyKey] = useState(randomId);
  const [booked, setBooked] = useState<Appointment>();
  const book = useBookOverHold();
  const offer = entry.offer!;
  if (booked) {
    return (
      <Dialog title={t('timeline.overrideTitle')} onClose={onClose}>
        <p className="success" role="status">
          {t('timeline.overridden', { name: patient.full_name })}
        </p>
        <p>
          <Link to={`/appointments/${booked.id}/timeline`}>{t('timeline.open')}</Link>
        </p>
        <button type="button" className="secondary" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('timeline.overrideTitle')} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          book.mutate(
            {
              doctorId,
              patientId: patient.id,
              time: { start_time: offer.start_time, end_time: offer.end_time },
              reason: reason.trim(),
              idempotencyKey,
            },
            { onSuccess: setBooked },
          );
        }}
      >
        <p>{t('timeline.overrideIntro', { waiter: entry.patient_name, name: patient.full_name })}</p>
        <TextField
          label={t('timeline.overrideReason')}
          value={reason}
          onChange={setReason}
          required
          maxLength={500}
          pattern=".*\S.*"
          autoFocus
        />
        <ErrorMessage error={book.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={book.isPending}>
            {book.isPending ? t('common.working') : t('timeline.overrideConfirm', { name: patient.full_name })}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
