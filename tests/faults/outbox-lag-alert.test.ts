// The outbox relay's broker goes away: changes keep being stored with their events in appointment-service's
// outbox, nothing publishes them, and Prometheus sees it. clinic_outbox_lag_seconds (the age of the
// oldest unpublished event) rises past a minute, OutboxLagging fires (alerts.yml: over 60 s for 1m) and
// the admin's System page shows it; once RabbitMQ is back the events are published and the lag is 0.
// A booking itself travels over RabbitMQ (the booking queue), so the appointments are booked while it is
// up and cancelled while it is down: each cancellation is an outbox event that cannot be published.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pauseServer, resumeServer, tcpOpen } from '../../devstack/src/process.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken, registerPatient } from '../support/identity.ts';
import { bookThroughGateway, eventually, gateway, slotsOn } from '../support/notifications.ts';
import { promAlerts, promQuery } from '../support/prometheus.ts';
import { testStack } from '../support/stack.ts';

/** appointment-service's outbox lag as Prometheus has it now (the largest of its replicas'), or undefined before a scrape. */
const appointmentOutboxLag = async () => (await promQuery('max by (job) (clinic_outbox_lag_seconds{job="appointment-service"})'))[0]?.value;

const outboxLaggingFires = async () =>
  (await promAlerts()).some(
    (alert) => alert.labels.alertname === 'OutboxLagging' && alert.labels.job === 'appointment-service' && alert.state === 'firing',
  );

describe('outbox lag: the relay’s broker stopped', () => {
  const amqpPort = () => Number(new URL(testStack().amqpUrl).port);
  after(async () => {
    await resumeServer(testStack().stateDir, 'rabbitmq', () => tcpOpen(amqpPort()), 120_000);
  });

  it('the outbox lag rises in Prometheus, OutboxLagging fires and the System page shows it; all is published once RabbitMQ returns', async () => {
    const { doctor } = await createDoctor({ label: 'outbox-lag', schedule: ALL_WEEK });
    const patient = await registerPatient('outbox-lag');
    const slots = await slotsOn(doctor.id, 3);
    const booked = [];
    for (const slot of slots.slice(0, 3)) booked.push(await bookThroughGateway(patient, doctor.id, slot));
    // Every service's metrics are scraped, and nothing waits in appointment-service's outbox yet.
    await eventually('the outbox lag is 0 in Prometheus', async () => (await appointmentOutboxLag()) === 0, 60_000);

    await pauseServer(testStack().stateDir, 'rabbitmq');
    for (const appointment of booked) {
      const cancelled = await http(gateway(`/appointments/${appointment.id as string}/cancel`), {
        method: 'PUT',
        token: patient.token,
        body: { reason: 'The broker is down' },
      });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    }

    const rising = await eventually('the outbox lag rises', async () => {
      const lag = await appointmentOutboxLag();
      return lag !== undefined && lag > 5 ? lag : undefined;
    });
    const overAMinute = await eventually(
      'the outbox lag passes a minute',
      async () => {
        const lag = await appointmentOutboxLag();
        return lag !== undefined && lag > 60 ? lag : undefined;
      },
      120_000,
    );
    assert.ok(overAMinute > rising, `the lag grows with the events’ age (${rising} s, then ${overAMinute} s)`);
    // Over 60 s for a minute, evaluated every 2 s in a test stack.
    await eventually('OutboxLagging fires for appointment-service', outboxLaggingFires, 120_000);

    const overview = await http(gateway('/system/overview'), { token: await adminToken() });
    assert.equal(overview.status, 200);
    const alert = (overview.body.alerts as Array<{ name: string; labels: Record<string, string>; summary: string }>).find(
      (one) => one.name === 'OutboxLagging' && one.labels.job === 'appointment-service',
    );
    assert.ok(alert, 'the System page lists OutboxLagging');
    assert.match(alert.summary, /^appointment-service: changes wait over a minute to be passed on/);

    await resumeServer(testStack().stateDir, 'rabbitmq', () => tcpOpen(amqpPort()), 120_000);
    await eventually('the outbox is published and its lag is 0 again', async () => (await appointmentOutboxLag()) === 0, 120_000);
    await eventually('OutboxLagging no longer fires', async () => !(await outboxLaggingFires()), 60_000);
  });
});
