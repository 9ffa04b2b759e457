import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isRefusal } from '../lib/api.ts';
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
  const refused = isRefusal(error);
  const back = useRef<HTMLButtonElement>(null);
  // The confirm button goes away with a refusal; focus stays in the dialog, on the way out.
  useEffect(() => {
    if (refused) back.current?.focus();
  }, [refused]);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={onClose} ref={back}>
            {t('common.back')}
          </button>
          {!refused && (
            <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={pending} data-autofocus>
              {pending ? t('common.working') : confirmLabel}
            </button>
          )}
        </>
      }
    >
      <div>{message}</div>
      <ErrorMessage error={error} />
    </Dialog>
  );
}
