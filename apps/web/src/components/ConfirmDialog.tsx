import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

interface ConfirmDialogProps {
  title: string;
  message: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
  danger?: boolean;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onClose, pending, error, danger }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.back')}
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={pending} data-autofocus>
            {pending ? t('common.working') : confirmLabel}
          </button>
        </>
      }
    >
      <div>{message}</div>
      <ErrorMessage error={error} />
    </Dialog>
  );
}
