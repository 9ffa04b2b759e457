import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { TextField } from '../../../components/Field.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import type { Cabinet, Specialization } from '../../../lib/types.ts';
import { useCabinets, useSpecializations } from '../../doctors/api/doctors.ts';
import { useCatalogChanges } from '../api/admin.ts';

type Kind = 'specializations' | 'cabinets';
type Item = Specialization | Cabinet;
type Form = Record<string, string>;

const emptyForm = (kind: Kind): Form => (kind === 'cabinets' ? { name: '', location: '', floor: '0' } : { name: '', description: '' });

const formOf = (kind: Kind, item: Item): Form =>
  kind === 'cabinets'
    ? { name: item.name, location: (item as Cabinet).location, floor: String((item as Cabinet).floor) }
    : { name: item.name, description: (item as Specialization).description ?? '' };

const bodyOf = (kind: Kind, form: Form) =>
  kind === 'cabinets'
    ? { name: form.name!.trim(), location: form.location!.trim(), floor: Number(form.floor) }
    : { name: form.name!.trim(), description: form.description!.trim() || null };

/** Specializations and cabinets: list, add, change, and delete (refused, with the reason, while a doctor uses one). */
export function CatalogAdmin({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const specializations = useSpecializations();
  const cabinets = useCabinets();
  const list = kind === 'cabinets' ? cabinets : specializations;
  const changes = useCatalogChanges(`/${kind}`);
  const [form, setForm] = useState<Form>(emptyForm(kind));
  const [editing, setEditing] = useState<Item>();
  const [deleting, setDeleting] = useState<Item>();
  const noun = t(`admin.${kind}One`);

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    changes.create.mutate(bodyOf(kind, form), { onSuccess: () => setForm(emptyForm(kind)) });
  };

  return (
    <section aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{t(`admin.${kind}`)}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : list.data.length === 0 ? (
        <Empty>{t('admin.noneYet')}</Empty>
      ) : (
        <ul className="list">
          {(list.data as Item[]).map((item) => (
            <li key={item.id}>
              <span>
                <strong>{item.name}</strong>
                {'location' in item
                  ? ` — ${t('doctor.cabinetPlace', { location: item.location, floor: item.floor })}`
                  : item.description
                    ? ` — ${item.description}`
                    : ''}
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('admin.editLabel', { name: item.name })}
                  onClick={() => setEditing(item)}
                >
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  className="danger small"
                  aria-label={t('admin.deleteLabel', { name: item.name })}
                  onClick={() => setDeleting(item)}
                >
                  {t('common.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('admin.add', { what: noun })}</h3>
      <form className="inline-form" onSubmit={create}>
        <CatalogFields kind={kind} form={form} onChange={setForm} />
        <button type="submit" className="primary" disabled={changes.create.isPending}>
          {t('admin.add', { what: noun })}
        </button>
      </form>
      <ErrorMessage error={changes.create.error} />
      {changes.create.isSuccess && <p role="status">{t('admin.saved')}</p>}
      {editing && <EditDialog kind={kind} item={editing} onClose={() => setEditing(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title={t('admin.deleteTitle', { name: deleting.name })}
          message={t('admin.deleteQuestion', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          danger
          pending={changes.remove.isPending}
          error={changes.remove.error}
          onConfirm={() => changes.remove.mutate(deleting.id, { onSuccess: () => setDeleting(undefined) })}
          onClose={() => {
            changes.remove.reset();
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

function CatalogFields({ kind, form, onChange }: { kind: Kind; form: Form; onChange: (form: Form) => void }) {
  const { t } = useTranslation();
  const set = (field: string) => (value: string) => onChange({ ...form, [field]: value });
  return kind === 'cabinets' ? (
    <>
      <TextField label={t('admin.name')} value={form.name!} onChange={set('name')} required maxLength={120} />
      <TextField label={t('admin.location')} value={form.location!} onChange={set('location')} required maxLength={300} />
      <TextField label={t('admin.floor')} type="number" value={form.floor!} onChange={set('floor')} required min={-10} max={200} />
    </>
  ) : (
    <>
      <TextField label={t('admin.name')} value={form.name!} onChange={set('name')} required maxLength={120} />
      <TextField label={t('admin.description')} value={form.description!} onChange={set('description')} maxLength={2000} />
    </>
  );
}

function EditDialog({ kind, item, onClose }: { kind: Kind; item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const { update } = useCatalogChanges(`/${kind}`);
  const [form, setForm] = useState(formOf(kind, item));
  return (
    <Dialog title={t('admin.editTitle', { name: item.name })} onClose={onClose}>
      <form
        onSubmit={(event) => (event.preventDefault(), update.mutate({ id: item.id, body: bodyOf(kind, form) }, { onSuccess: onClose }))}
      >
        <CatalogFields kind={kind} form={form} onChange={setForm} />
        <ErrorMessage error={update.error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary" disabled={update.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
