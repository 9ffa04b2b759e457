import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { clinicToday, weekColumns } from '../../../lib/dates.ts';
import type { Appointment, Slot, UserProfile } from '../../../lib/types.ts';
import { useBook } from '../../booking/api/book.ts';
import { ConfirmTimeDialog } from '../../booking/components/ConfirmTimeDialog.tsx';
import { useVisitTypes, visitTypeName } from '../../booking/api/visit-types.ts';
import { VisitTypePicker } from '../../booking/components/VisitTypePicker.tsx';
import { BookedNote } from '../../booking/components/BookedNote.tsx';
import { useAvailability } from '../../doctors/api/doctors.ts';
import { WeekGrid } from '../../doctors/components/WeekGrid.tsx';
import { WeekNav } from '../../doctors/components/WeekNav.tsx';
import { useVisitDetails, VisitDetailsFields } from '../../family/components/VisitDetails.tsx';
import { AddCallerToWaitlist, HeldTimes } from '../../waitlist/components/FrontDeskWaitlist.tsx';
import { useAllDoctors, useUserSearch } from '../api/admin.ts';
import { useSettled } from '../hooks/settled.ts';

const WEEK = 7;

/** The front desk: an admin books for a patient (found by name or email), with a doctor and a free time. */
export function FrontDesk() {
  const { t } = useTranslation();
  const [patient, setPatient] = useState<UserProfile>();
  const [doctorId, setDoctorId] = useState('');
  const doctors = useAllDoctors();
  return (
    <section aria-labelledby="front-desk-title">
      <h2 id="front-desk-title">{t('frontDesk.title')}</h2>
      <p className="muted">{t('frontDesk.intro')}</p>
      <h3>{t('frontDesk.patientStep')}</h3>
      {patient ? (
        <p className="chosen">
          <strong>{patient.full_name}</strong> · {patient.email}{' '}
          <button type="button" className="secondary small" onClick={() => setPatient(undefined)}>
            {t('frontDesk.otherPatient')}
          </button>
        </p>
      ) : (
        <PatientSearch onChoose={setPatient} />
      )}
      {patient && (
        <>
          <h3>{t('frontDesk.doctorStep')}</h3>
          <SelectField
            label={t('booking.doctor')}
            value={doctorId}
            onChange={setDoctorId}
            options={[
              { value: '', label: t('admin.choose') },
              ...(doctors.data ?? []).map((d) => ({ value: d.id, label: `${d.full_name} · ${d.specialization.name}` })),
            ]}
          />
          <ErrorMessage error={doctors.error} />
          {doctorId && (
            <>
              <TimeStep key={`${patient.id}-${doctorId}`} patient={patient} doctorId={doctorId} />
              <HeldTimes key={`held-${patient.id}-${doctorId}`} patient={patient} doctorId={doctorId} />
              <AddCallerToWaitlist key={`waitlist-${patient.id}-${doctorId}`} patient={patient} doctorId={doctorId} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function PatientSearch({ onChoose }: { onChoose: (patient: UserProfile) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useSettled(search);
  const found = useUserSearch({ q, role: 'PATIENT', limit: 10, offset: 0 });
  return (
    <>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={id}>{t('frontDesk.searchPatient')}</label>
          <input id={id} type="search" value={search} maxLength={200} onChange={(event) => setSearch(event.target.value)} />
        </div>
      </form>
      {!q.trim() ? null : found.isPending ? (
        <Loading />
      ) : found.isError ? (
        <ErrorMessage error={found.error} />
      ) : found.data.items.length === 0 ? (
        <Empty>{t('admin.noUsers')}</Empty>
      ) : (
        <ul className="list">
          {found.data.items.map((user) => (
            <li key={user.id}>
              <span>
                {user.full_name} · {user.email}
              </span>
              <button
                type="button"
                className="primary small"
                aria-label={t('frontDesk.chooseLabel', { name: user.full_name, email: user.email })}
                onClick={() => onChoose(user)}
              >
                {t('frontDesk.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TimeStep({ patient, doctorId }: { patient: UserProfile; doctorId: string }) {
  const { t, i18n } = useTranslation();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const [from, setFrom] = useState(today);
  const [picked, setPicked] = useState<Slot>();
  const [booked, setBooked] = useState<Appointment>();
  // The front desk books any of the doctor's visit types, those not offered online too.
  const visitTypes = useVisitTypes(doctorId);
  const offered = visitTypes.data?.items ?? [];
  const [visitTypeId, setVisitTypeId] = useState<string>();
  const visitType = offered.find((type) => type.id === visitTypeId);
  const needsChoice = offered.length > 0 && !visitType;
  const availability = useAvailability(doctorId, from, WEEK, visitType?.id, !visitTypes.isPending && !needsChoice);
  const doctors = useAllDoctors();
  const doctor = doctors.data?.find((d) => d.id === doctorId);
  const book = useBook();
  const visit = useVisitDetails();
  const timeZone = availability.data?.time_zone ?? CLINIC_TIME_ZONE;
  const columns = availability.data ? weekColumns(from, WEEK, availability.data.dates, today) : [];
  const close = () => {
    setPicked(undefined);
    setBooked(undefined);
    book.reset();
  };
  return (
    <>
      <h3>{t('frontDesk.timeStep')}</h3>
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
      <WeekNav from={from} today={today} days={WEEK} onChange={setFrom} />
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
            onPick={(slot) => {
              book.reset();
              setBooked(undefined);
              setPicked(slot);
            }}
          />
        )
      )}
      {picked && doctor && (
        <ConfirmTimeDialog
          title={booked ? t('frontDesk.bookedTitle') : t('frontDesk.confirmTitle', { name: patient.full_name })}
          doctor={doctor}
          slot={picked}
          timeZone={timeZone}
          confirmLabel={t('frontDesk.confirm')}
          errorKeys={{ PATIENT_BUSY: 'frontDesk.patientBusy', FAMILY_MEMBER_NOT_FOUND: 'family.errors.FAMILY_MEMBER_NOT_FOUND' }}
          pending={book.isPending}
          error={book.error}
          onConfirm={(slot, idempotencyKey) =>
            book.mutate(
              { doctorId, slot, idempotencyKey, patientId: patient.id, ...visit.request, visitTypeId: visitType?.id },
              { onSuccess: (appointment) => setBooked(appointment) },
            )
          }
          onPickOther={(slot) => {
            book.reset();
            setPicked(slot);
          }}
          onClose={close}
          done={
            booked && (
              <BookedNote
                message={t('frontDesk.booked', { name: patient.full_name })}
                to="/admin/appointments"
                linkLabel={t('admin.appointments')}
                onClose={close}
              />
            )
          }
        >
          <p>{t('frontDesk.forPatient', { name: patient.full_name, email: patient.email })}</p>
          {visitType && (
            <p className="visit-type-line">
              {t('visitTypes.chosen', { name: visitTypeName(visitType, i18n.language), count: visitType.duration_minutes })}
            </p>
          )}
          <VisitDetailsFields details={visit} patientId={patient.id} />
        </ConfirmTimeDialog>
      )}
    </>
  );
}
