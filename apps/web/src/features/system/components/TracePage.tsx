import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { ApiError } from '../../../lib/api.ts';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../../lib/dates.ts';
import { TRACE_ID, useSystemTrace, type SystemTrace, type TraceSpan } from '../api/trace.ts';
import { barOf, depths, formatMicros, serviceClass } from './waterfall.ts';

/** Deeper spans stop moving right past this level, so that a phone keeps room for their text. */
const MAX_INDENT = 8;

function SpanRow({ span, depth, trace }: { span: TraceSpan; depth: number; trace: SystemTrace }) {
  const { t, i18n } = useTranslation();
  const bar = barOf(span, trace.duration_us);
  const details = Object.entries(span.attributes).map(([key, value]) => `${key}: ${String(value)}`);
  return (
    <li
      className={`span-row${span.error ? ' span-error' : ''}`}
      data-service={span.service}
      data-span={span.span_id}
      style={{ '--depth': Math.min(depth, MAX_INDENT) } as CSSProperties}
    >
      <p className="span-text">
        <span className={`span-service ${serviceClass(span.service)}`}>
          {span.service}
          {span.instance && span.instance !== span.service ? ` (${span.instance})` : ''}
        </span>{' '}
        <span className="span-operation">{span.operation}</span>{' '}
        <strong className="span-duration">{formatMicros(span.duration_us, i18n.language)}</strong>{' '}
        <span className="muted span-start">{t('system.trace.startsAt', { at: formatMicros(span.start_us, i18n.language) })}</span>
        {span.error && <span className="badge replica-down"> {t('system.trace.failed')}</span>}
      </p>
      {details.length > 0 && <p className="muted span-attributes">{details.join(' · ')}</p>}
      <div className="span-track" aria-hidden="true">
        <div className={`span-bar ${serviceClass(span.service)}`} style={{ left: `${bar.left}%`, width: `${bar.width}%` }} />
      </div>
    </li>
  );
}

function Waterfall({ trace }: { trace: SystemTrace }) {
  const { t, i18n } = useTranslation();
  const levels = depths(trace.spans);
  const services = new Set(trace.spans.map((span) => span.service));
  return (
    <>
      <p className="trace-summary">
        {t('system.trace.summary', {
          spans: trace.spans.length,
          services: services.size,
          duration: formatMicros(trace.duration_us, i18n.language),
          at: formatDateTime(trace.started_at, i18n.language, DEFAULT_TIME_ZONE),
        })}
      </p>
      <ol className="waterfall" aria-label={t('system.trace.spansLabel')}>
        {trace.spans.map((span) => (
          <SpanRow key={span.span_id} span={span} depth={levels.get(span.span_id) ?? 0} trace={trace} />
        ))}
      </ol>
    </>
  );
}

function TraceProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : undefined;
  if (status !== 404 && status !== 503) return <ErrorMessage error={error} />;
  return (
    <>
      <p className="error" role="alert">
        {t(status === 404 ? 'system.trace.notFound' : 'system.trace.jaegerDown')}
      </p>
      <button type="button" onClick={onRetry}>
        {t('system.trace.retry')}
      </button>
    </>
  );
}

/** One request's trace as a waterfall: a row per span, under the span it is part of, its bar where it ran. */
export function TracePage() {
  const { t } = useTranslation();
  const { traceId = '' } = useParams();
  const trace = useSystemTrace(traceId);
  return (
    <section aria-labelledby="trace-title">
      <p>
        <Link to="/admin/system">⟵ {t('system.trace.back')}</Link>
      </p>
      <h2 id="trace-title">{t('system.trace.title')}</h2>
      <p className="trace-id">
        {t('system.trace.requestId')}: <code>{traceId}</code>
      </p>
      {!TRACE_ID.test(traceId) ? (
        <p className="error" role="alert">
          {t('system.trace.invalidId')}
        </p>
      ) : trace.isPending ? (
        <Loading />
      ) : trace.isError ? (
        <TraceProblem error={trace.error} onRetry={() => void trace.refetch()} />
      ) : (
        <Waterfall trace={trace.data} />
      )}
    </section>
  );
}
