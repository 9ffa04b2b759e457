import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { clinicToday, dateIn, formatDate, formatTime, nextSlots } from '../../../lib/dates.ts';
import { localName } from '../../../lib/names.ts';
import type { Doctor } from '../../../lib/types.ts';
import { useAvailability, useCabinets, useDoctors, useSpecializations } from '../api/doctors.ts';

/** Lower case without diacritics, so "stefan" finds "Ștefan". */
export const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

export function matchesName(doctor: Pick<Doctor, 'full_name'>, name: string) {
  const wanted = folded(name);
  return wanted === '' || folded(doctor.full_name).includes(wanted);
}

export function DoctorSearch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The filters live in state, mirrored into the address (so a search can be linked and survives a
  // reload): two quick changes in a row both count, where reading the address back between them
  // would lose the first (the router applies a navigation after this render).
  const [filters, setFilters] = useState(() => ({
    name: params.get('name') ?? '',
    specialization: params.get('specialization') ?? '',
    cabinet: params.get('cabinet') ?? '',
  }));
  const { name, specialization: specializationId, cabinet: cabinetId } = filters;
  useEffect(() => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) next.set(key, value);
    if (next.toString() !== new URLSearchParams(window.location.search).toString()) setParams(next, { replace: true });
  }, [filters, setParams]);
  const doctors = useDoctors({ specializationId: specializationId || undefined, cabinetId: cabinetId || undefined });
  const specializations = useSpecializations();
  const cabinets = useCabinets();
  const ids = { name: useId(), specialization: useId(), cabinet: useId() };
  const found = useMemo(() => (doctors.data ?? []).filter((doctor) => matchesName(doctor, name)), [doctors.data, name]);

  const set = (key: keyof typeof filters, value: string) => setFilters((current) => ({ ...current, [key]: value }));

  return (
    <section className="page">
      <h1>{t('search.title')}</h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.name}>{t('search.name')}</label>
          <input id={ids.name} type="search" value={name} onChange={(event) => set('name', event.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.specialization}>{t('search.specialization')}</label>
          <select id={ids.specialization} value={specializationId} onChange={(event) => set('specialization', event.target.value)}>
            <option value="">{t('search.any')}</option>
            {specializations.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {localName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.cabinet}>{t('search.cabinet')}</label>
          <select id={ids.cabinet} value={cabinetId} onChange={(event) => set('cabinet', event.target.value)}>
            <option value="">{t('search.any')}</option>
            {cabinets.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, i18n.language)} — {c.location}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorMessage error={doctors.error ?? specializations.error ?? cabinets.error} />
      {doctors.isPending ? (
        <Loading />
      ) : found.length === 0 ? (
        <Empty>{t('search.none')}</Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('search.count', { count: found.length })}
          </p>
          <ul className="cards">
            {found.map((doctor) => (
              <DoctorCard key={doctor.id} doctor={doctor} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DoctorCard({ doctor }: { doctor: Doctor }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card doctor-card">
      <h2>
        <Link to={`/doctors/${doctor.id}`}>{doctor.full_name}</Link>
      </h2>
      <p className="muted">{localName(doctor.specialization, i18n.language)}</p>
      <p>{t('doctor.cabinetLine', { name: doctor.cabinet.name, location: doctor.cabinet.location, floor: doctor.cabinet.floor })}</p>
      <NextTimes doctor={doctor} />
    </li>
  );
}

/** The doctor's next free times in the coming two weeks, each one click from its confirm dialog. */
function NextTimes({ doctor }: { doctor: Doctor }) {
  const { t, i18n } = useTranslation();
  const today = clinicToday(CLINIC_TIME_ZONE);
  const availability = useAvailability(doctor.id, today, 14);
  if (availability.isPending) return <Loading />;
  if (availability.isError) return <ErrorMessage error={availability.error} />;
  const zone = availability.data.time_zone;
  const slots = nextSlots(availability.data.dates, 3);
  if (slots.length === 0) return <p className="muted">{t('search.noTimes')}</p>;
  return (
    <div className="next-times">
      <p className="muted">{t('search.nextTimes')}</p>
      <ul className="time-list">
        {slots.map((slot) => (
          <li key={slot.start}>
            <Link className="time" to={`/doctors/${doctor.id}?slot=${encodeURIComponent(slot.start)}`}>
              {formatDate(dateIn(slot.start, zone), i18n.language)} {formatTime(slot.start, i18n.language, zone)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
