import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/Field.tsx';
import { ApiError } from '../../../lib/api.ts';

/**
 * The reason staff give for a cancel or a move, which the patient is told: asked of staff (`reason`,
 * required inside the patient cut-off), and of anyone the server asks it of (400 REASON_REQUIRED: the
 * cut-off passed while the dialog was open). `error` is the change's last error.
 */
export function useStaffReason(reason: { required: boolean } | undefined, error: unknown) {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const asked = error instanceof ApiError && error.code === 'REASON_REQUIRED';
  const required = Boolean(reason?.required) || asked;
  const missing = required && !text.trim();
  return {
    /** The server asked for it: its error is answered by the field, not shown again. */
    asked,
    shown: Boolean(reason) || asked,
    required,
    text,
    setText,
    showMissing: submitted && missing,
    /** What to send: the trimmed text, or nothing. */
    value: text.trim() || undefined,
    /** Marks the form as sent; false while a required reason is missing. */
    submit: () => {
      setSubmitted(true);
      return !missing;
    },
  };
}

export function StaffReasonField({ reason, autoFocus = false }: { reason: ReturnType<typeof useStaffReason>; autoFocus?: boolean }) {
  const { t } = useTranslation();
  if (!reason.shown) return null;
  return (
    <TextField
      label={reason.required ? t('appointments.reasonRequired') : t('appointments.reasonOptional')}
      hint={t('appointments.reasonHint')}
      value={reason.text}
      onChange={reason.setText}
      maxLength={500}
      required={reason.required}
      error={reason.showMissing ? 'forms.required' : undefined}
      data-autofocus={autoFocus || undefined}
    />
  );
}
