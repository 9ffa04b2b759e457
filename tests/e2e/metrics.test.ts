// Every service process's Prometheus metrics, read on its own metrics listener as Prometheus scrapes
// them: a booking through the gateway moves the counters where the work happened, the gauges read at
// scrape time are numbers, and the gateway's public port never answers metrics.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bookingShardOf, bookingShardQueue, bookingShardQueues } from '../../services/appointment-service/src/booking/shards.ts';
import { activeBookingWorker, requestBooking } from '../support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { registerPatient } from '../support/identity.ts';
import { waitForMails } from '../support/mail.ts';
import { metricsUrl, readEach, readMetrics, serviceProcesses, sumOf, sumOver, type Sample } from '../support/metrics.ts';
import { eventually, gateway, registerNamedPatient, slotsOn } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/** The shard count the test stack runs with: devstack passes CLINIC_BOOKING_SHARDS on as BOOKING_SHARDS. */
const SHARDS = Number(process.env.CLINIC_BOOKING_SHARDS ?? 1);

const APPOINTMENT = 'appointment-service-';
const NOTIFICATION = 'notification-service-';

/** The one value of a gauge without labels in a process's samples; fails when there is not exactly one. */
function gaugeValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.equal(found.length, 1, `one ${name}${JSON.stringify(labels)}, found ${found.length}`);
  return found[0]!.value;
}

describe('the services’ metrics', () => {
  before(() => {
    // The whole platform: the gateway, user- and doctor-service, every appointment- and notification-service replica.
    const names = serviceProcesses();
    assert.ok(names.filter((n) => n.startsWith(APPOINTMENT)).length >= 2, names.join(', '));
    assert.ok(names.filter((n) => n.startsWith(NOTIFICATION)).length >= 2, names.join(', '));
    for (const name of ['gateway', 'user-service', 'doctor-service']) assert.ok(names.includes(name), names.join(', '));
  });

  it('are served by every process on its metrics listener, with its memory and its HTTP requests, and never on its HTTP port', async () => {
    for (const name of serviceProcesses()) {
      const samples = await readMetrics(name);
      assert.ok(gaugeValue(samples, 'process_resident_memory_bytes') > 0, `${name}: resident memory`);
      // The platform's start-up checked every process's /ready.
      assert.ok(
        sumOf(samples, 'clinic_http_requests_total', { method: 'GET', route: '/ready', status: '200' }) >= 1,
        `${name}: GET /ready counted`,
      );
      const onHttpPort = await http(`${testStack().services[name]}/metrics`);
      assert.equal(onHttpPort.status, 404, `${name}'s HTTP port answers /metrics`);
      assert.doesNotMatch(JSON.stringify(onHttpPort.body), /process_resident_memory_bytes/);
    }
  });

  it('count a booking where it was decided, a refusal before the queue, its PDF, its email and its requests', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const [patient, late] = [await registerNamedPatient('Paula Măsurată'), await registerPatient('metrics-late')];
    const [slot] = await slotsOn(doctor.id, 2);
    const worker = await activeBookingWorker(bookingShardQueue(bookingShardOf(doctor.id, SHARDS)));
    assert.ok(worker, 'the booking queue has an active consumer');
    const [appointmentsBefore, notificationsBefore, gatewayBefore] = await Promise.all([
      readEach(APPOINTMENT),
      readEach(NOTIFICATION),
      readMetrics('gateway'),
    ]);
    const deciderBooked = () => sumOf(appointmentsBefore.get(worker)!, 'clinic_bookings_decided_total', { outcome: 'BOOKED' });
    const bookedBefore = deciderBooked();

    const booked = await requestBooking(patient, doctor.id, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const refused = await requestBooking(late, doctor.id, slot!);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'SLOT_TAKEN');
    await eventually(
      'the PDF is ready',
      async () => (await http(gateway(`/appointments/${booked.body.id}/pdf`), { token: patient.token })).status === 200,
    );
    await waitForMails(patient.email, [/^Programare înregistrată/]);

    const moved = (before: Map<string, Sample[]>, after: Map<string, Sample[]>, name: string, labels: Record<string, string> = {}) =>
      sumOver(after, name, labels) - sumOver(before, name, labels);
    const appointments = await readEach(APPOINTMENT);
    assert.equal(
      sumOf(appointments.get(worker)!, 'clinic_bookings_decided_total', { outcome: 'BOOKED' }),
      bookedBefore + 1,
      `BOOKED on ${worker}`,
    );
    // The time was booked when the late patient asked: refused before the queue, never decided.
    assert.ok(moved(appointmentsBefore, appointments, 'clinic_bookings_refused_before_queue_total') >= 1, 'refused before the queue');
    assert.ok(moved(appointmentsBefore, appointments, 'clinic_booking_decision_seconds_count') >= 1, 'decision latencies');
    assert.ok(moved(appointmentsBefore, appointments, 'clinic_booking_batch_commands_count') >= 1, 'batches');
    assert.ok(moved(appointmentsBefore, appointments, 'clinic_pdf_render_seconds_count') >= 1, 'PDFs rendered');
    assert.ok(
      moved(appointmentsBefore, appointments, 'clinic_http_requests_total', { method: 'POST', route: '/appointments', status: '201' }) >= 1,
    );
    assert.ok(
      moved(appointmentsBefore, appointments, 'clinic_http_requests_total', { method: 'POST', route: '/appointments', status: '409' }) >= 1,
    );

    // The email is counted once the relay took it, which the mail catcher saw above.
    const notifications = await eventually('the email is counted', async () => {
      const now = await readEach(NOTIFICATION);
      return moved(notificationsBefore, now, 'clinic_emails_total', { result: 'sent' }) >= 1 && now;
    });
    assert.ok(sumOver(notifications, 'clinic_emails_total', { result: 'sent' }) >= 1);

    // The gateway counts by its proxy's route pattern, never the URL with the appointment's id.
    const gatewayNow = await readMetrics('gateway');
    const gatewayPosts = (samples: Sample[]) =>
      samples
        .filter((s) => s.name === 'clinic_http_requests_total' && s.labels.method === 'POST' && s.labels.status === '201')
        .filter((s) => s.labels.route!.startsWith('/api/appointments'))
        .reduce((sum, s) => sum + s.value, 0);
    assert.ok(gatewayPosts(gatewayNow) >= gatewayPosts(gatewayBefore) + 1, 'the gateway counted the booking');
    assert.ok(
      !gatewayNow.some((s) => Object.values(s.labels).some((v) => v.includes(String(booked.body.id)))),
      'no series names the appointment',
    );
  });

  it('count a freed time offered to the waitlist, and the time held for the waiter', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const [holder, waiter] = [await registerPatient('metrics-holder'), await registerPatient('metrics-waiter')];
    const [slot] = await slotsOn(doctor.id, 2);
    const booked = await requestBooking(holder, doctor.id, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const joined = await http(gateway('/waitlist'), {
      method: 'POST',
      token: waiter.token,
      body: { doctor_id: doctor.id, date_from: clinicDate(1), date_to: clinicDate(3) },
    });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    const before = await readEach(APPOINTMENT);

    const cancelled = await http(gateway(`/appointments/${booked.body.id}/cancel`), { method: 'PUT', token: holder.token });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const offer = await eventually('the waiter is offered the freed time', async () => {
      const mine = await http(gateway('/waitlist/my'), { token: waiter.token });
      return (mine.body as Array<{ offer: { expires_at: string } | null }>).find((entry) => entry.offer)?.offer ?? undefined;
    });
    // Read while the hold runs (WAITLIST_HOLD_SECONDS, 10 s in test stacks): every replica reports it.
    const during = await eventually(
      'the hold is reported',
      async () => {
        const now = await readEach(APPOINTMENT);
        return [...now.values()].every((samples) => gaugeValue(samples, 'clinic_slot_holds_active') >= 1) && now;
      },
      Math.max(0, Date.parse(offer.expires_at) - Date.now() - 500),
    );
    assert.ok(sumOver(during, 'clinic_waitlist_offers_total') >= sumOver(before, 'clinic_waitlist_offers_total') + 1, 'the offer counted');
    assert.ok(sumOver(during, 'clinic_bookings_decided_total', { outcome: 'OFFERED' }) >= 1);
  });

  it('report outbox lag, queue depths, dead letters, the email backlog and the last reminder run as numbers', async () => {
    const withOutbox = ['user-service', ...serviceProcesses().filter((n) => n.startsWith(APPOINTMENT))];
    for (const name of withOutbox) {
      const samples = await readMetrics(name);
      const lag = gaugeValue(samples, 'clinic_outbox_lag_seconds');
      assert.ok(Number.isFinite(lag) && lag >= 0, `${name}: outbox lag ${lag}`);
      const unpublished = gaugeValue(samples, 'clinic_outbox_unpublished');
      assert.ok(Number.isInteger(unpublished) && unpublished >= 0, `${name}: unpublished ${unpublished}`);
    }
    for (const [name, samples] of await readEach(APPOINTMENT)) {
      for (const queue of bookingShardQueues(SHARDS)) {
        const depth = gaugeValue(samples, 'clinic_booking_queue_depth', { queue });
        assert.ok(Number.isInteger(depth) && depth >= 0, `${name}: ${queue} depth ${depth}`);
      }
      const dead = gaugeValue(samples, 'clinic_dead_letters', { queue: 'clinic.dead-letter' });
      assert.ok(Number.isInteger(dead) && dead >= 0, `${name}: dead letters ${dead}`);
    }
    // The test stack's catch-up runs the reminder run every second: today's run is done within seconds of the start.
    await eventually('the reminder run is reported', async () => {
      for (const [name, samples] of await readEach(NOTIFICATION)) {
        const backlog = gaugeValue(samples, 'clinic_notification_backlog');
        assert.ok(Number.isInteger(backlog) && backlog >= 0, `${name}: backlog ${backlog}`);
        const lastRun = gaugeValue(samples, 'clinic_reminder_run_last_success_timestamp_seconds');
        if (!(lastRun > 0 && lastRun <= Date.now() / 1_000 + 5)) return false;
      }
      return true;
    });
  });

  it('are never answered by the gateway’s public port', async () => {
    const { gatewayUrl } = testStack();
    const paths = [
      '/metrics',
      '/api/metrics',
      '/api/appointments/metrics',
      '/api/users/metrics',
      '/api/doctors/metrics',
      '/api/notifications/metrics',
    ];
    for (const path of paths) {
      const answer = await http(`${gatewayUrl}${path}`);
      assert.ok(answer.status >= 400 && answer.status < 500, `${path} answered ${answer.status}`);
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      assert.doesNotMatch(text, /process_resident_memory_bytes|clinic_http_requests_total/, path);
    }
    for (const path of ['/metrics', '/api/metrics']) assert.equal((await http(`${gatewayUrl}${path}`)).status, 404, path);
    // The gateway's own metrics are on its listener, apart.
    assert.notEqual(new URL(metricsUrl('gateway')).port, new URL(gatewayUrl).port);
  });
});
