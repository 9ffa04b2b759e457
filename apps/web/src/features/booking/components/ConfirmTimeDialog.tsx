import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage, useErrorText } from '../../../components/ErrorMessage.tsx';
import { ApiError, isRefusal } from '../../../lib/api.ts';
import { addDays, clinicToday, dateIn, formatDate, formatDateTime, formatTime, nearestSlots } from '../../../lib/dates.ts';
import { randomId } from '../../../lib/ids.ts';
import type { Doctor, Slot } from '../../../lib/types.ts';
import { fetchAvailability } from '../../doctors/api/doctors.ts';
import { isTakenTime } from '../api/book.ts';

interface ConfirmTimeDialogProps {
  title: string;
  doctor: Pick<Doctor, 'id' | 'full_name'> & {
    specialization: { name: string };
    cabinet: { name: string; location: string; floor: number };
  };
  slot: Slot;
  timeZone: string;
  confirmLabel: string;
  /** Sends the choice with its idempotency key; the dialog shows what the server answers. */
  onConfirm: (slot: Slot, idempotencyKey: string) => void;
  pending: boolean;
  error: unknown;
  onPickOther: (slot: Slot) => void;
  onClose: () => void;
  /** Shown instead of the form once done. */
  done?: React.ReactNode;
  /** More to fill in before confirming (a reason), under the summary. */
  children?: React.ReactNode;
  /** Words of its own for some answers' codes (the front desk's patient is busy, not "you"): translation keys by code. */
  errorKeys?: Record<string, string>;
}

/**
 * The one confirm step of booking and rescheduling: who, what, where and when; a time that was taken
 * meanwhile is said in plain words with the nearest free times to pick instead.
 */
export function ConfirmTimeDialog(props: ConfirmTimeDialogProps) {
  const { t, i18n } = useTranslation();
  const appErrorText = useErrorText();
  const errorText = (error: unknown) => {
    const key = error instanceof ApiError ? props.errorKeys?.[error.code] : undefined;
    return key ? t(key) : appErrorText(error);
  };
  const { doctor, slot, timeZone, error, pending } = props;
  // One key per chosen time, kept across double clicks and retries of that time.
  const idempotencyKey = useMemo(() => randomId(), [slot.start]);
  const [retried, setRetried] = useState(false);
  const taken = error instanceof ApiError && isTakenTime(error.code);
  const refused = taken || isRefusal(error);
  const back = useRef<HTMLButtonElement>(null);
  // The confirm button goes away with a refusal; focus stays in the dialog, on the way out.
  useEffect(() => {
    if (refused) back.current?.focus();
  }, [refused]);
  const today = clinicToday(timeZone);
  const from = [addDays(dateIn(slot.start, timeZone), -3), today].sort().at(-1)!;
  const alternatives = useQuery({
    queryKey: ['availability', doctor.id, from, 7, 'alternatives', slot.start],
    queryFn: () => fetchAvailability(doctor.id, from, 7),
    enabled: taken,
  });
  const nearest = alternatives.data ? nearestSlots(alternatives.data.dates, slot.start, 4) : [];

  if (props.done) {
    return (
      <Dialog key="done" title={props.title} onClose={props.onClose}>
        {props.done}
      </Dialog>
    );
  }

  return (
    <Dialog
      key="confirm"
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={props.onClose} ref={back}>
            {t('common.back')}
          </button>
          {!refused && (
            <button
              type="button"
              className="primary"
              data-autofocus
              aria-disabled={pending}
              onClick={() => {
                if (pending) return;
                setRetried(Boolean(error));
                props.onConfirm(slot, idempotencyKey);
              }}
            >
              {pending ? t('booking.booking') : error && !retried ? t('common.retry') : props.confirmLabel}
            </button>
          )}
        </>
      }
    >
      <dl className="summary">
        <dt>{t('booking.doctor')}</dt>
        <dd>{doctor.full_name}</dd>
        <dt>{t('booking.specialization')}</dt>
        <dd>{doctor.specialization.name}</dd>
        <dt>{t('booking.cabinet')}</dt>
        <dd>{t('doctor.cabinetLine', { name: doctor.cabinet.name, location: doctor.cabinet.location, floor: doctor.cabinet.floor })}</dd>
        <dt>{t('booking.time')}</dt>
        <dd>
          {formatDateTime(slot.start, i18n.language, timeZone)}–{formatTime(slot.end, i18n.language, timeZone)}
        </dd>
      </dl>
      {props.children}
      {taken ? (
        <div className="taken" role="alert">
          <p className="error">{errorText(error)}</p>
          {alternatives.isPending ? null : alternatives.isError ? (
            <ErrorMessage error={alternatives.error} />
          ) : nearest.length > 0 ? (
            <>
              <p>{t('booking.nearest')}</p>
              <ul className="time-list">
                {nearest.map((other) => (
                  <li key={other.start}>
                    <button type="button" className="time" data-slot={other.start} onClick={() => props.onPickOther(other)}>
                      {formatDate(dateIn(other.start, timeZone), i18n.language)} {formatTime(other.start, i18n.language, timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('booking.noNearest')}</p>
          )}
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
    </Dialog>
  );
}
