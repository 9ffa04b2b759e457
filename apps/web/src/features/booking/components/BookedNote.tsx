import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What the confirm dialog shows once booked: the news, the way to the list it is in, and (if given) a close button. */
export function BookedNote({ message, to, linkLabel, onClose }: { message: string; to: string; linkLabel: string; onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="success" role="status">
      <p>{message}</p>
      <p>
        <Link to={to} className="button primary" data-autofocus>
          {linkLabel}
        </Link>
      </p>
      {onClose && (
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      )}
    </div>
  );
}
