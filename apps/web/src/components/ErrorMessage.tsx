import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** The words for an error: the app's own for the codes it knows, the server's message otherwise. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const key = `errors.${error.code}`;
      if (i18n.exists(key)) return t(key);
      // Refusals of the clinic's closed days, notice and buffer have their words in their own namespace.
      if (i18n.exists(`closedDays.errors.${error.code}`)) return t(`closedDays.errors.${error.code}`);
      if (error.status === 401) return t('errors.UNAUTHORIZED');
      if (error.status >= 500) return t('errors.SERVER');
      return error.message || t('errors.UNKNOWN');
    }
    if (error instanceof Error && error.message) return error.message;
    return t('errors.UNKNOWN');
  };
}

export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="error" role="alert" id={id}>
      {text(error)}
    </p>
  );
}
