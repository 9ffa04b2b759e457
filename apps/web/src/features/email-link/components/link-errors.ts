import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';

/** The link's own refusals (used, expired, forged…) in this page's words; any other error as it is. */
export function useLinkError(error: unknown): unknown {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError)) return error;
  const key = `emailLink.errors.${error.code}`;
  return i18n.exists(key) ? new ApiError(error.status, `LINK:${error.code}`, t(key), error.details) : error;
}
