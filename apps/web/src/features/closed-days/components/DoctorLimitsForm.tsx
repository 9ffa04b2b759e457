import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useDoctorBookingLimits, useSetDoctorBookingLimits } from '../api/closed-days.ts';

const asField = (value: number | null) => (value === null ? '' : String(value));
const asValue = (field: string) => (field.trim() === '' ? null : Number(field));

/** A doctor's own minimum notice and buffer after each appointment; empty keeps the clinic's default. */
export function DoctorLimitsForm({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const limits = useDoctorBookingLimits(doctorId);
  const save = useSetDoctorBookingLimits(doctorId);
  const [notice, setNotice] = useState('');
  const [buffer, setBuffer] = useState('');
  useEffect(() => {
    if (!limits.data) return;
    setNotice(asField(limits.data.min_notice_minutes));
    setBuffer(asField(limits.data.buffer_minutes));
  }, [limits.data]);

  if (limits.isPending) return <Loading />;
  if (limits.isError) return <ErrorMessage error={limits.error} />;
  const { effective } = limits.data;
  return (
    <section aria-labelledby="doctor-limits-title">
      <h3 id="doctor-limits-title">{t('closedDays.limitsTitle')}</h3>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ min_notice_minutes: asValue(notice), buffer_minutes: asValue(buffer) });
        }}
      >
        <TextField
          label={t('closedDays.notice')}
          type="number"
          min={0}
          max={20160}
          value={notice}
          onChange={setNotice}
          hint={t('closedDays.inForce', { minutes: effective.min_notice_minutes })}
        />
        <TextField
          label={t('closedDays.buffer')}
          type="number"
          min={0}
          max={240}
          value={buffer}
          onChange={setBuffer}
          hint={t('closedDays.inForce', { minutes: effective.buffer_minutes })}
        />
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('closedDays.saveLimits')}
        </button>
      </form>
      <ErrorMessage error={save.error} />
      {save.isSuccess && <p role="status">{t('closedDays.limitsSaved')}</p>}
    </section>
  );
}
