// Available slots read the doctor's busy times from memory: appointment-service's database announces
// every change of a doctor's appointments and holds at commit (channel doctor_busy), and doctor-service
// forgets that doctor's busy times then; a kept answer is given once every announcement committed
// before the question has been heard, so the very next read shows a change. Against the real stack:
// bookings through the gateway, the announcements from PostgreSQL, appointment-service's own count of
// the busy-times questions it answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestBooking, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { clinicDate, createDoctor, doctorService as api, isoWeekday } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { registerPatient } from '../../../tests/support/identity.ts';
import { readEach, sumOver } from '../../../tests/support/metrics.ts';
import { testStack } from '../../../tests/support/stack.ts';

/** How many busy-times questions appointment-service's replicas have answered. */
const busyQuestions = async () => sumOver(await readEach('appointment-service'), 'clinic_http_requests_total', { route: '/internal/busy' });

describe('busy times kept by doctor-service', () => {
  it('answers repeated reads without asking appointment-service, and every booking, cancellation and direct change at once', async () => {
    const date = clinicDate(3);
    const [{ doctor }, patient] = await Promise.all([
      createDoctor({ schedule: [{ weekday: isoWeekday(date), start_time: '09:00', end_time: '10:00' }] }),
      registerPatient('busy-cache'),
    ]);
    const starts = async () =>
      ((await http(api(`/doctors/${doctor.id}/available-slots?date=${date}`))).body.slots as Slot[]).map((slot) => slot.start);

    const free = await starts();
    assert.equal(free.length, 2);
    const asked = await busyQuestions();
    for (let i = 0; i < 5; i++) assert.deepEqual(await starts(), free);
    assert.equal(await busyQuestions(), asked, 'five more reads, no question to appointment-service');

    // Every change is answered by the very next read, as a patient who has just booked or cancelled looks.
    let booked: Awaited<ReturnType<typeof requestBooking>> | undefined;
    for (let round = 0; round < 5; round++) {
      booked = await requestBooking(patient, doctor.id, { start: free[0]!, end: free[1]! });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      assert.deepEqual(await starts(), [free[1]!], 'the booked time is no longer offered');
      const cancelled = await http(`${testStack().gatewayUrl}/api/appointments/${booked.body.id}/cancel`, {
        method: 'PUT',
        token: patient.token,
      });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.deepEqual(await starts(), free, 'the cancelled time is offered again at once');
    }

    // Written in appointment-service's database by another hand than the service's (an operator).
    await withAppointmentsDb((db) => db.query(`UPDATE appointments SET status = 'PENDING' WHERE id = $1`, [booked!.body.id]));
    assert.deepEqual(await starts(), [free[1]!], 'a change written in the database is answered at once too');
  });
});
