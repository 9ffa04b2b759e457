import { useTranslation } from 'react-i18next';
import type { FiringAlert, ScrapedReplica } from '../api/overview.ts';

/** The platform's own services first, in the order a booking crosses them; then the servers they use. */
const SERVICES = ['gateway', 'user-service', 'doctor-service', 'appointment-service', 'notification-service'];
const rank = (job: string) => (SERVICES.includes(job) ? SERVICES.indexOf(job) : SERVICES.length);

/** Each job with how many of its replicas Prometheus reaches, each replica named, red where one is down. */
export function Replicas({ replicas, alerts }: { replicas: ScrapedReplica[]; alerts: FiringAlert[] }) {
  const { t } = useTranslation();
  const jobs = [...new Set(replicas.map((replica) => replica.job))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return (
    <ul className="list replicas">
      {jobs.map((job) => {
        const ofJob = replicas.filter((replica) => replica.job === job);
        const up = ofJob.filter((replica) => replica.up).length;
        const firing = alerts.filter((alert) => alert.labels.job === job);
        return (
          <li key={job} data-job={job} className={up < ofJob.length ? 'firing' : undefined}>
            <span>
              <strong>{job}</strong> <span data-replicas-up>{t('system.replicasUp', { up, total: ofJob.length })}</span>
            </span>
            <span className="replica-badges">
              {ofJob.map((replica) => (
                <span key={replica.instance} className={`badge ${replica.up ? 'replica-up' : 'replica-down'}`}>
                  {replica.instance}: {replica.up ? t('system.up') : t('system.down')}
                </span>
              ))}
            </span>
            {firing.map((alert) => (
              <p key={alert.labels.instance} className="alert-note" data-alert={alert.name}>
                {alert.summary}
              </p>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
