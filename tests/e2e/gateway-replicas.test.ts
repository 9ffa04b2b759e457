// The gateway in front of three appointment-service replicas: requests go to each in turn, and one that
// refuses the connection (stopped) is passed over for another replica, whatever the method, instead of
// the client getting a 503 for a request no replica ever saw.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpOk, pauseServer, resumeServer, tcpOpen } from '../../devstack/src/process.ts';
import { bookingShardOf, bookingShardQueue } from '../../services/appointment-service/src/booking/shards.ts';
import { activeBookingWorker, appointmentReplicas, freeSlots, type Slot } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { createPatients, type TestUser } from '../support/identity.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const SHARDS = Number(process.env.CLINIC_BOOKING_SHARDS ?? 1);

/** The replicas whose log has a `request completed` line for the request id. */
function replicasThatAnswered(requestId: string): string[] {
  return appointmentReplicas().filter((name) =>
    readFileSync(join(testStack().stateDir, 'logs', `${name}.log`), 'utf8')
      .split('\n')
      .some((line) => line.includes(requestId) && line.includes('"request completed"')),
  );
}

describe('the gateway in front of the appointment-service replicas', () => {
  let doctorId: string;
  let patients: TestUser[];
  let slots: Slot[];

  before(async () => {
    assert.equal(appointmentReplicas().length, 3, 'the test stack runs three replicas');
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK }));
    patients = await createPatients(8, 'replicas');
    slots = await freeSlots(doctorId, 40);
  });

  it('sends requests to every replica in turn', async () => {
    const ids = Array.from({ length: 9 }, () => `replica-turns-${randomUUID()}`);
    for (const id of ids) {
      const answer = await http(gateway('/appointments/my'), { token: patients[0]!.token, headers: { 'x-request-id': id } });
      assert.equal(answer.status, 200);
    }
    const answeredBy = await eventually('every request is in a replica’s log', async () => {
      const found = ids.map(replicasThatAnswered);
      return found.every((names) => names.length === 1) && found.map((names) => names[0]!);
    });
    assert.deepEqual(new Set(answeredBy), new Set(appointmentReplicas()), `answered by ${answeredBy.join(', ')}`);
  });

  describe('with one replica stopped (connections to it refused)', () => {
    // The first replica listed: the one a gateway sending everything to its first upstream would use.
    const victim = 'appointment-service-1';
    const victimUrl = () => testStack().services[victim]!;

    before(async () => {
      await pauseServer(testStack().stateDir, victim, 'SIGKILL');
      // Its threads may hold the listening socket a moment after the process is reported gone.
      await eventually(`${victim} refuses connections`, async () => !(await tcpOpen(Number(new URL(victimUrl()).port))));
      // Bookings are decided by the replica holding the booking queue: a live one, once RabbitMQ has moved it.
      const queue = bookingShardQueue(bookingShardOf(doctorId, SHARDS));
      await eventually('a live replica holds the booking queue', async () => {
        const worker = await activeBookingWorker(queue);
        return worker !== undefined && worker !== victim;
      });
    });

    after(async () => {
      await resumeServer(testStack().stateDir, victim, () => httpOk(`${victimUrl()}/ready`), 120_000);
    });

    it('passes every request on to another replica, POST and PUT included: none answered 503', async () => {
      const answers: Array<{ what: string; answer: HttpAnswer }> = [];
      const booked: string[] = [];
      // Over more than the gateway's 5 s quarantine of a refusing replica, so it is picked again and refuses again.
      for (let round = 0; round < 8; round++) {
        const patient = patients[round]!;
        const [mine, booking] = await Promise.all([
          http(gateway('/appointments/my'), { token: patient.token }),
          http(gateway('/appointments'), {
            method: 'POST',
            token: patient.token,
            headers: { 'idempotency-key': randomUUID() },
            body: { doctor_id: doctorId, start_time: slots[round]!.start, end_time: slots[round]!.end },
          }),
        ]);
        answers.push({ what: 'GET /appointments/my', answer: mine }, { what: 'POST /appointments', answer: booking });
        if (booking.status === 201) {
          booked.push(booking.body.id);
          const cancelled = await http(gateway(`/appointments/${booking.body.id}/cancel`), {
            method: 'PUT',
            token: patient.token,
            body: {},
          });
          answers.push({ what: 'PUT /appointments/{id}/cancel', answer: cancelled });
        }
        await sleep(1_000);
      }
      const failed = answers.filter(({ answer }) => answer.status >= 300);
      assert.deepEqual(
        failed.map(({ what, answer }) => `${what}: ${answer.status} ${JSON.stringify(answer.body)}`),
        [],
        'answers other than success',
      );
      assert.equal(booked.length, 8, 'every booking made');
      assert.equal(answers.length, 24);
    });
  });
});
