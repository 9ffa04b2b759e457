import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/Field.tsx';
import { useFamily } from '../api/family.ts';

/** Whom a booking is for and why the patient comes, as the booking dialog asks them. */
export function useVisitDetails() {
  const [familyMemberId, setFamilyMemberId] = useState('');
  const [reason, setReason] = useState('');
  return {
    familyMemberId,
    setFamilyMemberId,
    reason,
    setReason,
    /** What the booking sends: the member chosen (none for the account holder), the reason trimmed (none when blank). */
    request: { familyMemberId: familyMemberId || undefined, reason: reason.trim() || undefined },
  };
}

/**
 * "For whom" (the account holder or one of their family members) and the reason for the visit. The
 * front desk names the patient (`patientId`) whose family it books for; a patient books from their own.
 */
export function VisitDetailsFields({ details, patientId }: { details: ReturnType<typeof useVisitDetails>; patientId?: string }) {
  const { t } = useTranslation();
  const family = useFamily(patientId);
  const members = family.data ?? [];
  return (
    <>
      {members.length > 0 && (
        <SelectField
          label={t('family.forWhom')}
          value={details.familyMemberId}
          onChange={details.setFamilyMemberId}
          options={[
            { value: '', label: patientId ? t('family.thePatient') : t('family.me') },
            ...members.map((member) => ({ value: member.id, label: `${member.full_name} (${t(`family.relations.${member.relation}`)})` })),
          ]}
        />
      )}
      <TextField
        label={t('family.reason')}
        hint={t('family.reasonHint')}
        value={details.reason}
        onChange={details.setReason}
        maxLength={500}
      />
    </>
  );
}
