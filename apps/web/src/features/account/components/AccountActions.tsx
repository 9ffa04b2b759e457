import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { redirectToLogin } from '../../auth/hooks/session.tsx';
import { useDeleteMyAccount, useExportMyData } from '../api/account.ts';

/**
 * The profile page's account section: change the email (Keycloak's own flow); a patient also downloads
 * their data and deletes their account (staff accounts are the clinic's to remove).
 */
export function AccountActions({ email, patient }: { email: string; patient: boolean }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const exportData = useExportMyData();
  const [deleting, setDeleting] = useState(false);

  return (
    <section className="account-actions" aria-labelledby="account-title">
      <h2 id="account-title">{t('account.title')}</h2>
      <div>
        <button
          type="button"
          className="secondary"
          // Keycloak asks for the new address and emails it a link; it becomes the account's once followed.
          onClick={() => void redirectToLogin(auth, { extraQueryParams: { kc_action: 'UPDATE_EMAIL' }, state: { returnTo: '/profile' } })}
        >
          {t('account.changeEmail')}
        </button>
        <p className="muted">{t('account.changeEmailHint')}</p>
      </div>
      {patient && (
        <>
          <div>
            <button type="button" className="secondary" onClick={() => exportData.mutate()} disabled={exportData.isPending}>
              {exportData.isPending ? t('common.working') : t('account.export')}
            </button>
            <p className="muted">{t('account.exportHint')}</p>
            {exportData.isSuccess && <p role="status">{t('account.exported')}</p>}
            <ErrorMessage error={exportData.error} />
          </div>
          <div>
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              {t('account.delete')}
            </button>
            <p className="muted">{t('account.deleteHint')}</p>
          </div>
        </>
      )}
      {deleting && <DeleteAccountDialog email={email} onClose={() => setDeleting(false)} />}
    </section>
  );
}

/** Deleting is for good: the button works only once the account's email address is typed in. */
export function DeleteAccountDialog({ email, onClose }: { email: string; onClose: () => void }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const remove = useDeleteMyAccount();
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim().toLowerCase() === email.toLowerCase();

  const confirm = () =>
    remove.mutate(undefined, {
      // The account and its sessions are gone: forget the tokens and start over, signed out.
      onSuccess: () => void auth.removeUser().finally(() => window.location.assign('/')),
    });

  return (
    <Dialog
      title={t('account.deleteTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.back')}
          </button>
          <button type="button" className="danger" onClick={confirm} disabled={!confirmed || remove.isPending || remove.isSuccess}>
            {remove.isPending ? t('common.working') : t('account.deleteConfirm')}
          </button>
        </>
      }
    >
      <p>{t('account.deleteMessage')}</p>
      <TextField label={t('account.deleteConfirmLabel', { email })} value={typed} onChange={setTyped} autoComplete="off" data-autofocus />
      <ErrorMessage error={remove.error} />
    </Dialog>
  );
}
