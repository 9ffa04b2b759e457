import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import type { Role, UserProfile } from '../../../lib/types.ts';
import { useMe } from '../../auth/api/me.ts';
import { useChangeRole, useDeleteUser, useUserSearch } from '../api/admin.ts';
import { SEARCH_DELAY_MS, useSettled } from '../hooks/settled.ts';

const ROLES: Role[] = ['PATIENT', 'DOCTOR', 'ADMIN'];
const PAGE = 20;
export function UsersAdmin() {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useSettled(search, SEARCH_DELAY_MS);
  const users = useUserSearch({ q, role: role || undefined, limit: PAGE, offset });
  const [deleting, setDeleting] = useState<UserProfile>();
  const remove = useDeleteUser();
  const ids = { search: useId(), role: useId() };
  const page = users.data;

  // A delete can empty the last page: show the one before it.
  useEffect(() => {
    if (page && page.items.length === 0 && page.total > 0 && offset > 0) setOffset(Math.max(0, (Math.ceil(page.total / PAGE) - 1) * PAGE));
  }, [page, offset]);

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users')}</h2>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.search}>{t('admin.searchUsers')}</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            maxLength={200}
            onChange={(event) => {
              setSearch(event.target.value);
              setOffset(0);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('admin.role')}</label>
          <select
            id={ids.role}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as Role | '');
              setOffset(0);
            }}
          >
            <option value="">{t('search.any')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {users.isPending ? (
        <Loading />
      ) : users.isError && !page ? (
        <ErrorMessage error={users.error} />
      ) : !page || page.total === 0 ? (
        <Empty>{t('admin.noUsers')}</Empty>
      ) : (
        <>
          <ErrorMessage error={users.error} />
          <p className="muted" aria-live="polite">
            {t('admin.userCount', { count: page.total })}
          </p>
          <ul className="cards" aria-busy={users.isFetching}>
            {page.items.map((user) => (
              <UserRow key={user.id} user={user} onDelete={() => setDeleting(user)} />
            ))}
          </ul>
          <Pagination offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('admin.deleteUserTitle')}
          message={t('admin.deleteUserQuestion', { name: deleting.full_name, email: deleting.email })}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(undefined) })}
          onClose={() => {
            remove.reset();
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

function UserRow({ user, onDelete }: { user: UserProfile; onDelete: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChangeRole();
  const [role, setRole] = useState<Role>(user.role);
  const roleId = useId();
  const self = me.data?.id === user.id;
  return (
    <li className="card user-row">
      <div>
        <strong>{user.full_name}</strong>
        <p className="muted">
          {user.email}
          {user.phone && ` · ${user.phone}`}
        </p>
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ id: user.id, role });
        }}
      >
        <div className="field">
          <label htmlFor={roleId}>{t('admin.roleOf', { name: user.full_name })}</label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)} disabled={self}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary" disabled={self || role === user.role || change.isPending}>
          {t('admin.changeRole')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={onDelete}
          disabled={self}
          aria-label={t('admin.deleteUserLabel', { name: user.full_name })}
        >
          {t('common.delete')}
        </button>
      </form>
      {change.isSuccess && <p role="status">{t('admin.roleChanged')}</p>}
      <ErrorMessage error={change.error} />
    </li>
  );
}
