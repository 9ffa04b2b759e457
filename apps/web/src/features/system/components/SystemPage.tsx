import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { ApiError } from '../../../lib/api.ts';
import { formatDateTime, DEFAULT_TIME_ZONE } from '../../../lib/dates.ts';
import { PANELS, useSystemOverview, type FiringAlert, type MetricSeries, type Panel, type SystemOverview } from '../api/overview.ts';
import { Replicas } from './Replicas.tsx';
import { Sparkline } from './Sparkline.tsx';
import { TraceSearch } from './TraceSearch.tsx';

/** The alert that turns a panel red, by the figure it watches (ReplicaDown shows on the replicas' list). */
const PANEL_ALERT: Partial<Record<Panel, string>> = {
  decision_latency_p99_seconds: 'BookingLatencyHigh',
  dead_letters: 'DeadLettersPresent',
  outbox_lag_seconds: 'OutboxLagging',
  emails_per_minute: 'EmailsFailing',
  last_reminder_run: 'ReminderRunMissed',
};

function useFormat() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'ro-RO', { maximumFractionDigits: 2 });
  return (panel: Panel, value: number): string => {
    if (panel === 'last_reminder_run') {
      return value > 0 ? formatDateTime(new Date(value * 1000).toISOString(), i18n.language, DEFAULT_TIME_ZONE) : t('system.never');
    }
    return t(`system.units.${panel}`, { value: number.format(value) });
  };
}

function SeriesRow({ panel, series, range }: { panel: Panel; series: MetricSeries; range: { start: number; end: number } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = Object.values(series.labels).join(' · ');
  const latest = series.points.at(-1);
  const values = series.points.map(([, value]) => value);
  const label = latest
    ? t('system.chart', { min: format(panel, Math.min(...values)), max: format(panel, Math.max(...values)) })
    : t('system.noData');
  return (
    <li>
      <span className="series-name">{name || t(`system.panels.${panel}`)}</span>
      <strong className="series-value">{latest ? format(panel, latest[1]) : t('system.noData')}</strong>
      <Sparkline points={series.points} range={range} label={label} />
    </li>
  );
}

function AlertNotes({ alerts }: { alerts: FiringAlert[] }) {
  const { t } = useTranslation();
  return alerts.map((alert) => (
    <p key={JSON.stringify(alert.labels)} className="alert-note" data-alert={alert.name}>
      <strong>{t(`system.alertNames.${alert.name}`, { defaultValue: alert.name })}:</strong> {alert.summary}
    </p>
  ));
}

function MetricPanel({ panel, overview }: { panel: Panel; overview: SystemOverview }) {
  const { t } = useTranslation();
  const firing = overview.alerts.filter((alert) => alert.name === PANEL_ALERT[panel]);
  const range = { start: Date.parse(overview.range.start) / 1000, end: Date.parse(overview.range.end) / 1000 };
  const series = overview.panels[panel];
  return (
    <li className={`card metric-panel${firing.length > 0 ? ' firing' : ''}`} data-panel={panel}>
      <h3>{t(`system.panels.${panel}`)}</h3>
      <AlertNotes alerts={firing} />
      {series.length === 0 ? (
        <p className="muted">{t('system.noData')}</p>
      ) : (
        <ul className="series-list">
          {series.map((one) => (
            <SeriesRow key={JSON.stringify(one.labels)} panel={panel} series={one} range={range} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Alerts({ alerts }: { alerts: FiringAlert[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return <p className="success">{t('system.allClear')}</p>;
  return (
    <ul className="cards">
      {alerts.map((alert) => (
        <li key={`${alert.name}${JSON.stringify(alert.labels)}`} className="card firing" data-alert={alert.name}>
          <h3>{t(`system.alertNames.${alert.name}`, { defaultValue: alert.name })}</h3>
          <p>{alert.summary}</p>
          <p className="muted">{alert.description}</p>
        </li>
      ))}
    </ul>
  );
}

/** The admin's view of the running platform: alerts, replicas up and the last hour's figures, from Prometheus. */
export function SystemPage() {
  const { t, i18n } = useTranslation();
  const overview = useSystemOverview();
  const down = overview.error instanceof ApiError && overview.error.status === 503;
  return (
    <section aria-labelledby="system-title">
      <h2 id="system-title">{t('system.title')}</h2>
      <p>{t('system.intro')}</p>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        down ? (
          <p className="error" role="alert">
            {t('system.prometheusDown')}
          </p>
        ) : (
          <ErrorMessage error={overview.error} />
        )
      ) : (
        <>
          <p className="muted">
            {t('system.updated', { at: formatDateTime(overview.data.generated_at, i18n.language, DEFAULT_TIME_ZONE) })}
          </p>
          <h3>{t('system.alertsTitle')}</h3>
          <Alerts alerts={overview.data.alerts} />
          <h3>{t('system.replicasTitle')}</h3>
          <Replicas replicas={overview.data.replicas} alerts={overview.data.alerts.filter((alert) => alert.name === 'ReplicaDown')} />
          <h3>{t('system.figuresTitle')}</h3>
          <ul className="cards metric-panels">
            {PANELS.map((panel) => (
              <MetricPanel key={panel} panel={panel} overview={overview.data} />
            ))}
          </ul>
        </>
      )}
      {/* Last: the alerts come first on a phone; and a trace is found even while Prometheus is down. */}
      <TraceSearch />
    </section>
  );
}
