import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime, formatTime } from '../../../lib/dates.ts';
import type { Appointment, WaitlistEntry } from '../../../lib/types.ts';
import { useBook } from '../../booking/api/book.ts';
import { ConfirmTimeDialog } from '../../booking/components/ConfirmTimeDialog.tsx';
import { BookedNote } from '../../booking/components/BookedNote.tsx';
import { useDoctor } from '../../doctors/api/doctors.ts';
import { useLeaveWaitlist, useMyWaitlist } from '../api/waitlist.ts';
import { usePeriodText } from '../hooks/period.ts';

/** A patient's waitlist: what they wait for, the time held for them now, and leaving. */
export function WaitlistPage() {
  const { t } = useTranslation();
  const mine = useMyWaitlist();
  const leave = useLeaveWaitlist();
  const [booking, setBooking] = useState<WaitlistEntry>();
  const period = usePeriodText();
  const entries = [...(mine.data ?? [])].sort((a, b) => a.date_from.localeCompare(b.date_from) || a.created_at.localeCompare(b.created_at));
  return (
    <section className="page">
      <h1>{t('waitlist.title')}</h1>
      <p className="muted">{t('waitlist.intro')}</p>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorMessage error={mine.error} />
      ) : entries.length === 0 ? (
        <Empty>
          {t('waitlist.none')} <Link to="/">{t('appointments.findDoctor')}</Link>
        </Empty>
      ) : (
        <ul className="cards">
          {entries.map((entry) => (
            <li key={entry.id} className="card waitlist-entry">
              <h2>
                <Link to={`/doctors/${entry.doctor_id}`}>{entry.doctor_name}</Link>
              </h2>
              <p>{period(entry.date_from, entry.date_to)}</p>
              {entry.offer ? (
                <HeldTime entry={entry} onBook={() => setBooking(entry)} />
              ) : (
                <p className="muted">{entry.status === 'BOOKED' ? t('waitlist.booked') : t('waitlist.waiting')}</p>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={leave.isPending}
                  aria-label={t(entry.status === 'BOOKED' ? 'waitlist.dismissLabel' : 'waitlist.removeLabel', {
                    doctor: entry.doctor_name,
                    period: period(entry.date_from, entry.date_to),
                  })}
                  onClick={() => leave.mutate(entry.id)}
                >
                  {entry.status === 'BOOKED' ? t('waitlist.dismiss') : t('waitlist.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={leave.error} />
      {booking?.offer && <BookHeldTime entry={booking} onClose={() => setBooking(undefined)} />}
    </section>
  );
}

function HeldTime({ entry, onBook }: { entry: WaitlistEntry; onBook: () => void }) {
  const { t, i18n } = useTranslation();
  const offer = entry.offer!;
  return (
    <div className="success" role="status">
      <p>
        {t('waitlist.held', {
          time: `${formatDateTime(offer.start_time, i18n.language, CLINIC_TIME_ZONE)}–${formatTime(offer.end_time, i18n.language, CLINIC_TIME_ZONE)}`,
          until: formatTime(offer.expires_at, i18n.language, CLINIC_TIME_ZONE),
        })}
      </p>
      <button type="button" className="primary" onClick={onBook}>
        {t('waitlist.book')}
      </button>
    </div>
  );
}

/** The held time through the usual confirm step (only this patient can book it while it is held). */
function BookHeldTime({ entry, onClose }: { entry: WaitlistEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const doctor = useDoctor(entry.doctor_id);
  const book = useBook();
  const [booked, setBooked] = useState<Appointment>();
  if (!doctor.data) return doctor.isError ? <ErrorMessage error={doctor.error} /> : null;
  const offer = entry.offer!;
  return (
    <ConfirmTimeDialog
      title={booked ? t('booking.bookedTitle') : t('booking.confirmTitle')}
      doctor={doctor.data}
      slot={{ start: offer.start_time, end: offer.end_time }}
      timeZone={CLINIC_TIME_ZONE}
      confirmLabel={t('booking.confirm')}
      pending={book.isPending}
      error={book.error}
      onConfirm={(slot, idempotencyKey) =>
        book.mutate({ doctorId: entry.doctor_id, slot, idempotencyKey }, { onSuccess: (appointment) => setBooked(appointment) })
      }
      onPickOther={(other) => void navigate(`/doctors/${entry.doctor_id}?slot=${encodeURIComponent(other.start)}`)}
      onClose={onClose}
      done={booked && <BookedNote message={t('booking.booked')} to="/appointments" linkLabel={t('nav.appointments')} />}
    />
  );
}
