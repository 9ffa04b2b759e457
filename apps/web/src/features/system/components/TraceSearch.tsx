import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TextField } from '../../../components/Field.tsx';
import { TRACE_ID } from '../api/trace.ts';

/** The request id a log line (reqId) or an error message shows is the trace's id: it opens that request's trace. */
export function TraceSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [requestId, setRequestId] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = requestId.trim().toLowerCase();
    if (!TRACE_ID.test(id)) return setError('system.trace.invalidId');
    void navigate(`/admin/system/traces/${id}`);
  };
  return (
    <form className="inline-form trace-search" onSubmit={submit} noValidate aria-labelledby="trace-search-title">
      <h3 id="trace-search-title">{t('system.trace.findTitle')}</h3>
      <TextField
        label={t('system.trace.requestId')}
        hint={t('system.trace.requestIdHint')}
        value={requestId}
        onChange={(value) => {
          setRequestId(value);
          setError(undefined);
        }}
        error={error}
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
      />
      <button type="submit" className="primary">
        {t('system.trace.show')}
      </button>
    </form>
  );
}
