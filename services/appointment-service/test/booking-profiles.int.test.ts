// The booking worker keeps doctors' booking profiles in memory: doctor-service's database announces
// every change of what a profile is made of (channel doctor_calendar), and a kept profile is used only
// once every announcement committed before the batch has been heard. Against the real stack: bookings
// through the gateway, calendar changes through doctor-service, doctor-service's own count of the
// booking-profile questions it answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestBooking } from '../../../tests/support/booking.ts';
import { clinicDate, createDoctor, doctorService, isoWeekday } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient } from '../../../tests/support/identity.ts';
import { readEach, sumOver } from '../../../tests/support/metrics.ts';

/** How many booking profiles doctor-service has answered. */
const profilesAsked = async () =>
  sumOver(await readEach('doctor-service'), 'clinic_http_requests_total', { route: '/internal/doctors/:id/booking-profile' });

/** The slot of `date` at `time` (clinic time) as available-slots gives it, found among the doctor's free slots. */
async function slotAt(doctorId: string, date: string, time: string) {
  const answer = await http(doctorService(`/doctors/${doctorId}/available-slots?date=${date}`));
  const slots = answer.body.slots as Array<{ start: string; end: string }>;
  const slot = slots.find(
    (s) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Bucharest', hour: '2-digit', minute: '2-digit' }).format(new Date(s.start)) ===
      time,
  );
  assert.ok(slot, `a free slot at ${time} on ${date}: ${JSON.stringify(slots)}`);
  return slot;
}

describe('booking profiles kept by the booking worker', () => {
  it('decides further bookings of a doctor without asking doctor-service, and on hours added a moment before', async () => {
    const date = clinicDate(4);
    const admin = await adminToken();
    const [{ doctor }, patient] = await Promise.all([
      createDoctor({ schedule: [{ weekday: isoWeekday(date), start_time: '09:00', end_time: '10:00' }] }),
      registerPatient('kept-profiles'),
    ]);
    const first = await requestBooking(patient, doctor.id, await slotAt(doctor.id, date, '09:00'));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const asked = await profilesAsked();
    const second = await requestBooking(patient, doctor.id, await slotAt(doctor.id, date, '09:30'));
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(await profilesAsked(), asked, 'the second booking was decided on the kept profile');

    // Hours added, then at once a booking in them: decided on the profile as committed before it.
    for (const [from, to] of [
      ['10:00', '10:30'],
      ['10:30', '11:00'],
      ['11:00', '12:00'],
    ] as const) {
      const added = await http(doctorService(`/doctors/${doctor.id}/schedule`), {
        method: 'POST',
        token: admin,
        body: { weekday: isoWeekday(date), start_time: from, end_time: to },
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const booked = await requestBooking(patient, doctor.id, await slotAt(doctor.id, date, from));
      assert.equal(booked.status, 201, `a booking at ${from}, in hours added just before: ${JSON.stringify(booked.body)}`);
    }
    assert.ok((await profilesAsked()) > asked, 'the changed profile was asked for again');

    // The doctor's cabinet renamed (a change of another table than the doctor's): the next booking
    // names the cabinet as it is called now.
    const renamed = `Renamed ${Date.now()}`;
    const cabinet = await http(doctorService(`/cabinets/${doctor.cabinet.id}`), { method: 'PUT', token: admin, body: { name: renamed } });
    assert.equal(cabinet.status, 200, JSON.stringify(cabinet.body));
    const named = await requestBooking(patient, doctor.id, await slotAt(doctor.id, date, '11:30'));
    assert.equal(named.status, 201, JSON.stringify(named.body));
    assert.equal(named.body.cabinet_name, renamed);
  });
});
