import { useTranslation } from 'react-i18next';
import type { VisitType } from '../../../lib/types.ts';
import { visitTypeName } from '../api/visit-types.ts';

interface VisitTypePickerProps {
  visitTypes: VisitType[];
  chosen: string | undefined;
  onChoose: (visitTypeId: string) => void;
}

/** The visit types of a doctor as radio buttons: name, duration and price; the free times follow the choice. */
export function VisitTypePicker({ visitTypes, chosen, onChoose }: VisitTypePickerProps) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="visit-types">
      <legend>{t('visitTypes.choose')}</legend>
      {visitTypes.map((visitType) => (
        <label key={visitType.id} className="visit-type">
          <input
            type="radio"
            name="visit-type"
            value={visitType.id}
            checked={chosen === visitType.id}
            onChange={() => onChoose(visitType.id)}
          />
          <span>
            <strong>{visitTypeName(visitType, i18n.language)}</strong>{' '}
            <span className="muted">
              {t('visitTypes.minutes', { count: visitType.duration_minutes })}
              {visitType.price_text ? ` · ${visitType.price_text}` : ''}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
