import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { AffectedList } from '../../../components/AffectedAppointments.tsx';
import { affectedAppointments } from '../../../lib/api.ts';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import type { Doctor } from '../../../lib/types.ts';
import { useCabinets, useSpecializations } from '../../doctors/api/doctors.ts';
import { DoctorLimitsForm } from '../../closed-days/components/DoctorLimitsForm.tsx';
import { ScheduleEditor } from '../../schedules/components/ScheduleEditor.tsx';
import { TimeOffEditor } from '../../schedules/components/TimeOffEditor.tsx';
import { useAllDoctors, useCreateDoctor, useDeleteDoctor, useUpdateDoctor, useUsers, type DoctorDetails } from '../api/admin.ts';

interface DetailsForm {
  specialization_id: string;
  cabinet_id: string;
  bio: string;
  years_experience: string;
}

const detailsOf = (form: DetailsForm): DoctorDetails => ({
  specialization_id: form.specialization_id,
  cabinet_id: form.cabinet_id,
  bio: form.bio.trim() || null,
  years_experience: form.years_experience === '' ? null : Number(form.years_experience),
});

function DetailsFields({ form, onChange }: { form: DetailsForm; onChange: (form: DetailsForm) => void }) {
  const { t } = useTranslation();
  const specializations = useSpecializations();
  const cabinets = useCabinets();
  const choose = t('admin.choose');
  return (
    <>
      <SelectField
        label={t('search.specialization')}
        value={form.specialization_id}
        required
        onChange={(specialization_id) => onChange({ ...form, specialization_id })}
        options={[{ value: '', label: choose }, ...(specializations.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
      />
      <SelectField
        label={t('search.cabinet')}
        value={form.cabinet_id}
        required
        onChange={(cabinet_id) => onChange({ ...form, cabinet_id })}
        options={[{ value: '', label: choose }, ...(cabinets.data ?? []).map((c) => ({ value: c.id, label: `${c.name} — ${c.location}` }))]}
      />
      <TextField label={t('admin.bio')} value={form.bio} onChange={(bio) => onChange({ ...form, bio })} maxLength={4000} />
      <TextField
        label={t('admin.experience')}
        type="number"
        min={0}
        max={80}
        value={form.years_experience}
        onChange={(years_experience) => onChange({ ...form, years_experience })}
      />
      <ErrorMessage error={specializations.error ?? cabinets.error} />
    </>
  );
}

export function DoctorsAdmin() {
  const { t } = useTranslation();
  const doctors = useAllDoctors();
  const patients = useUsers('PATIENT');
  const create = useCreateDoctor();
  const remove = useDeleteDoctor();
  const [userId, setUserId] = useState('');
  const [form, setForm] = useState<DetailsForm>({ specialization_id: '', cabinet_id: '', bio: '', years_experience: '' });
  const [editing, setEditing] = useState<Doctor>();
  const [deleting, setDeleting] = useState<Doctor>();
  const affected = affectedAppointments(remove.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      { user_id: userId, ...detailsOf(form) },
      {
        onSuccess: () => {
          setUserId('');
          setForm({ specialization_id: '', cabinet_id: '', bio: '', years_experience: '' });
        },
      },
    );
  };

  return (
    <section aria-labelledby="doctors-title">
      <h2 id="doctors-title">{t('admin.doctors')}</h2>
      {doctors.isPending ? (
        <Loading />
      ) : doctors.isError ? (
        <ErrorMessage error={doctors.error} />
      ) : doctors.data.length === 0 ? (
        <Empty>{t('admin.noneYet')}</Empty>
      ) : (
        <ul className="list">
          {doctors.data.map((doctor) => (
            <li key={doctor.id} data-id={doctor.id}>
              <span>
                <Link to={`/admin/doctors/${doctor.id}`}>{doctor.full_name}</Link> · {doctor.specialization.name} · {doctor.cabinet.name}
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('admin.editLabel', { name: doctor.full_name })}
                  onClick={() => setEditing(doctor)}
                >
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="danger small"
                  aria-label={t('admin.deleteLabel', { name: doctor.full_name })}
                  onClick={() => setDeleting(doctor)}
                >
                  {t('common.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('admin.newDoctor')}</h3>
      <form className="stack-form" onSubmit={submit}>
        <SelectField
          label={t('admin.fromUser')}
          value={userId}
          required
          onChange={setUserId}
          options={[
            { value: '', label: t('admin.choose') },
            ...(patients.data ?? []).map((u) => ({ value: u.id, label: `${u.full_name} <${u.email}>` })),
          ]}
        />
        <ErrorMessage error={patients.error} />
        <DetailsFields form={form} onChange={setForm} />
        <ErrorMessage error={create.error} />
        {create.isSuccess && <p role="status">{t('admin.doctorCreated')}</p>}
        <button type="submit" className="primary" disabled={create.isPending || !userId || !form.specialization_id || !form.cabinet_id}>
          {t('admin.createDoctor')}
        </button>
      </form>
      {editing && <EditDoctorDialog doctor={editing} onClose={() => setEditing(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title={t('admin.deleteTitle', { name: deleting.full_name })}
          message={
            <>
              <p>{t('admin.deleteDoctorQuestion', { name: deleting.full_name })}</p>
              {affected && affected.length > 0 && (
                <>
                  <p>{t('affected.doctorMessage', { count: affected.length })}</p>
                  <AffectedList appointments={affected} timeZone={CLINIC_TIME_ZONE} />
                </>
              )}
            </>
          }
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(undefined) })}
          onClose={() => {
            remove.reset();
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

function EditDoctorDialog({ doctor, onClose }: { doctor: Doctor; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateDoctor();
  const [form, setForm] = useState<DetailsForm>({
    specialization_id: doctor.specialization.id,
    cabinet_id: doctor.cabinet.id,
    bio: doctor.bio ?? '',
    years_experience: doctor.years_experience == null ? '' : String(doctor.years_experience),
  });
  return (
    <Dialog title={t('admin.editTitle', { name: doctor.full_name })} onClose={onClose}>
      <form onSubmit={(event) => (event.preventDefault(), update.mutate({ id: doctor.id, body: detailsOf(form) }, { onSuccess: onClose }))}>
        <DetailsFields form={form} onChange={setForm} />
        <ErrorMessage error={update.error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary" disabled={update.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** An admin's view of one doctor's weekly hours and days off. */
export function DoctorCalendarAdmin() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const doctors = useAllDoctors();
  const doctor = doctors.data?.find((d) => d.id === id);
  return (
    <section>
      <p>
        <Link to="/admin/doctors">{t('admin.doctors')}</Link>
      </p>
      <h2>{doctor?.full_name ?? t('admin.doctors')}</h2>
      <ErrorMessage error={doctors.error} />
      <ScheduleEditor doctorId={id} />
      <TimeOffEditor doctorId={id} />
      <DoctorLimitsForm doctorId={id} />
    </section>
  );
}
