import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { clinicToday, dateIn, isCalendarDate, weekColumns } from '../../../lib/dates.ts';
import type { Appointment, Doctor, Slot } from '../../../lib/types.ts';
import { useMe } from '../../auth/api/me.ts';
import { useBook } from '../../booking/api/book.ts';
import { useVisitDetails, VisitDetailsFields } from '../../family/components/VisitDetails.tsx';
import { useVisitTypes, visitTypeName } from '../../booking/api/visit-types.ts';
import { VisitTypePicker } from '../../booking/components/VisitTypePicker.tsx';
import { localName } from '../../../lib/names.ts';
import { ConfirmTimeDialog } from '../../booking/components/ConfirmTimeDialog.tsx';
import { BookedNote } from '../../booking/components/BookedNote.tsx';
import { useAvailability, useDoctor } from '../api/doctors.ts';
import { WeekGrid } from './WeekGrid.tsx';
import { WeekNav } from './WeekNav.tsx';
import { redirectToLogin } from '../../auth/hooks/session.tsx';
import { useJoinWaitlist } from '../../waitlist/api/waitlist.ts';
import { JoinWaitlistOutcome } from '../../waitlist/components/JoinWaitlist.tsx';
import { waitableWeek } from '../../waitlist/components/waitlist-days.ts';

const WEEK = 7;

/** The first day shown: today, or the day of a time picked elsewhere (`slot`), or a later week (`from`). */
export function firstDayShown(params: URLSearchParams, today: string, timeZone: string): string {
  const from = params.get('from');
  if (from && isCalendarDate(from) && from > today) return from;
  const slot = params.get('slot');
  if (slot && !Number.isNaN(Date.parse(slot))) {
    const date = dateIn(slot, timeZone);
    if (date > today) return date;
  }
  return today;
}

export function DoctorPage() {
  const { id = '' } = useParams();
  const doctor = useDoctor(id);
  if (doctor.isPending) return <Loading />;
  if (doctor.isError) return <ErrorMessage error={doctor.error} />;
  return <DoctorAvailability doctor={doctor.data} />;
}

function DoctorAvailability({ doctor }: { doctor: Doctor }) {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const from = firstDayShown(params, today, CLINIC_TIME_ZONE);
  const visitTypes = useVisitTypes(doctor.id);
  const offered = visitTypes.data?.items ?? [];
  // A doctor with visit types shows free times once one is chosen: their length is the type's.
  const [visitTypeId, setVisitTypeId] = useState<string>();
  const visitType = offered.find((type) => type.id === visitTypeId);
  const needsChoice = offered.length > 0 && !visitType;
  // Asked once the visit types are known and, when there are some, one is chosen.
  const availability = useAvailability(doctor.id, from, WEEK, visitType?.id, !visitTypes.isPending && !needsChoice);
  const timeZone = availability.data?.time_zone ?? CLINIC_TIME_ZONE;
  const slotParam = params.get('slot');
  const [picked, setPicked] = useState<Slot | undefined>(() => {
    if (!slotParam) return undefined;
    // A time chosen in the search results: its end comes with the week's answer.
    return { start: slotParam, end: '' };
  });
  const book = useBook();
  const visit = useVisitDetails();
  const join = useJoinWaitlist();
  const [booked, setBooked] = useState<Appointment>();

  const columns = availability.data ? weekColumns(from, WEEK, availability.data.dates, today) : [];
  const resolvedPick =
    picked && !picked.end ? availability.data?.dates.flatMap((day) => day.slots).find((slot) => slot.start === picked.start) : picked;
  // Once found, the linked time is kept: a refetch after it was taken must not close its dialog.
  useEffect(() => {
    if (picked && !picked.end && resolvedPick) setPicked(resolvedPick);
  }, [picked, resolvedPick]);
  const allBeyond = columns.length > 0 && columns.every((column) => column.reason === 'BEYOND_HORIZON');

  const goTo = (day: string) => {
    join.reset();
    const next = new URLSearchParams();
    if (day !== today) next.set('from', day);
    setParams(next);
  };

  const pick = (slot: Slot) => {
    if (!auth.isAuthenticated) {
      void redirectToLogin(auth, { state: { returnTo: `/doctors/${doctor.id}?slot=${encodeURIComponent(slot.start)}` } });
      return;
    }
    book.reset();
    setBooked(undefined);
    setPicked(slot);
  };

  const close = () => {
    setPicked(undefined);
    book.reset();
    if (params.has('slot')) {
      const next = new URLSearchParams(params);
      next.delete('slot');
      setParams(next, { replace: true });
    }
  };

  const canBook = !auth.isAuthenticated || me.data?.role === 'PATIENT';
  const week = canBook ? waitableWeek(columns) : undefined;
  const wait = (range: { from: string; to: string }) => {
    if (!auth.isAuthenticated) {
      void redirectToLogin(auth, { state: { returnTo: `/doctors/${doctor.id}${from === today ? '' : `?from=${from}`}` } });
      return;
    }
    join.mutate({ doctorId: doctor.id, ...range });
  };

  return (
    <section className="page">
      <p>
        <Link to="/">{t('doctor.backToSearch')}</Link>
      </p>
      <h1>{doctor.full_name}</h1>
      <p className="muted">
        {localName(doctor.specialization, i18n.language)}
        {doctor.years_experience != null && ` · ${t('doctor.experience', { count: doctor.years_experience })}`}
      </p>
      <p>
        {t('doctor.cabinetLine', {
          name: localName(doctor.cabinet, i18n.language),
          location: doctor.cabinet.location,
          floor: doctor.cabinet.floor,
        })}
      </p>
      {doctor.bio && <p>{doctor.bio}</p>}

      {offered.length > 0 && (
        <VisitTypePicker
          visitTypes={offered}
          chosen={visitType?.id}
          onChoose={(id) => {
            setVisitTypeId(id);
            setPicked(undefined);
          }}
        />
      )}
      <h2>{t('doctor.availability')}</h2>
      {!canBook && me.data && <p className="note">{t('doctor.onlyPatients')}</p>}
      <WeekNav from={from} today={today} days={WEEK} onChange={goTo} laterDisabled={allBeyond} />
      <ErrorMessage error={availability.error} />
      {needsChoice ? (
        <p className="note">{t('visitTypes.chooseFirst')}</p>
      ) : availability.isPending ? (
        <Loading />
      ) : (
        availability.data && (
          <WeekGrid
            columns={columns}
            timeZone={timeZone}
            horizonDays={availability.data.horizon_days}
            onPick={pick}
            onWait={canBook ? (date) => wait({ from: date, to: date }) : undefined}
          />
        )
      )}
      {week && (
        <div className="note">
          <p>{t('waitlist.weekFull')}</p>
          <button type="button" className="primary" disabled={join.isPending} onClick={() => wait(week)}>
            {t('waitlist.joinWeek')}
          </button>
        </div>
      )}
      <JoinWaitlistOutcome join={join} />

      {resolvedPick && auth.isAuthenticated && (
        <ConfirmTimeDialog
          title={booked ? t('booking.bookedTitle') : t('booking.confirmTitle')}
          doctor={doctor}
          slot={resolvedPick}
          timeZone={timeZone}
          confirmLabel={t('booking.confirm')}
          pending={book.isPending}
          error={book.error}
          onConfirm={(slot, idempotencyKey) =>
            book.mutate(
              { doctorId: doctor.id, slot, idempotencyKey, ...visit.request, visitTypeId: visitType?.id },
              { onSuccess: (appointment) => setBooked(appointment) },
            )
          }
          onPickOther={pick}
          onClose={close}
          done={booked && <BookedNote message={t('booking.booked')} to="/appointments" linkLabel={t('nav.appointments')} onClose={close} />}
          errorKeys={{ FAMILY_MEMBER_NOT_FOUND: 'family.errors.FAMILY_MEMBER_NOT_FOUND' }}
        >
          {visitType && (
            <p className="visit-type-line">
              {t('visitTypes.chosen', {
                name: visitTypeName(visitType, i18n.language),
                count: visitType.duration_minutes,
              })}
            </p>
          )}
          <VisitDetailsFields details={visit} />
        </ConfirmTimeDialog>
      )}
      {picked && !resolvedPick && availability.data && !availability.isFetching && (
        <p className="error" role="alert">
          {t('booking.goneFromLink')}
        </p>
      )}
    </section>
  );
}
