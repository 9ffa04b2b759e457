import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { weekColumns } from '../../../lib/dates.ts';
import type { Slot } from '../../../lib/types.ts';
import type { useAvailability } from '../api/doctors.ts';
import { WeekGrid } from './WeekGrid.tsx';
import { WeekNav } from './WeekNav.tsx';

interface FreeTimesDialogProps {
  title: string;
  /** The week shown, kept by the caller so that it stays put across the confirm step. */
  from: string;
  today: string;
  onWeek: (from: string) => void;
  availability: ReturnType<typeof useAvailability>;
  timeZone: string;
  onPick: (slot: Slot) => void;
  onClose: () => void;
}

/** A doctor's free times a week at a time, in a dialog: where an appointment is moved to. */
export function FreeTimesDialog({ title, from, today, onWeek, availability, timeZone, onPick, onClose }: FreeTimesDialogProps) {
  const { t } = useTranslation();
  const columns = availability.data ? weekColumns(from, 7, availability.data.dates, today) : [];
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.back')}
        </button>
      }
    >
      <WeekNav from={from} today={today} days={7} onChange={onWeek} />
      <ErrorMessage error={availability.error} />
      {availability.isPending ? (
        <Loading />
      ) : (
        availability.data && <WeekGrid columns={columns} timeZone={timeZone} horizonDays={availability.data.horizon_days} onPick={onPick} />
      )}
    </Dialog>
  );
}
