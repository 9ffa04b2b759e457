import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { ApiError } from '../../../lib/api.ts';

const FAMILY_CODES = new Set(['BIRTH_DATE_IN_FUTURE', 'BIRTH_DATE_TOO_OLD', 'TOO_MANY_FAMILY_MEMBERS', 'FAMILY_MEMBER_NOT_FOUND']);

/** The family answers' refusals in the app's words; anything else as every error is shown. */
export function FamilyError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && FAMILY_CODES.has(error.code)) {
    return (
      <p className="error" role="alert">
        {t(`family.errors.${error.code}`)}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}
