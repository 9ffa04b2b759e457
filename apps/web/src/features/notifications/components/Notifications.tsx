import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Empty, Loading } from '../../../components/Loading.tsx';
import { Pagination } from '../../../components/Pagination.tsx';
import { CLINIC_TIME_ZONE } from '../../../lib/clinic.ts';
import { formatDateTime } from '../../../lib/dates.ts';
import { useMyNotifications } from '../api/notifications.ts';

const PAGE = 20;

export function Notifications() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const notifications = useMyNotifications({ limit: PAGE, offset });
  return (
    <section className="page">
      <h1>{t('notifications.title')}</h1>
      {notifications.isPending ? (
        <Loading />
      ) : notifications.isError ? (
        <ErrorMessage error={notifications.error} />
      ) : notifications.data.total === 0 ? (
        <Empty>{t('notifications.none')}</Empty>
      ) : (
        <>
          <ul className="cards">
            {notifications.data.items.map((item) => {
              const when = item.sent_at ?? item.created_at;
              return (
                <li key={item.id} className="card">
                  <h2 className="h3">{item.subject ?? item.event_type ?? item.type}</h2>
                  {when && <p className="muted">{formatDateTime(when, i18n.language, CLINIC_TIME_ZONE)}</p>}
                  {item.body && <p className="notification-body">{item.body}</p>}
                  {item.status && (
                    <p className="muted">
                      {i18n.exists(`notifications.delivery.${item.status}`) ? t(`notifications.delivery.${item.status}`) : item.status}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          <Pagination offset={offset} limit={PAGE} total={notifications.data.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
