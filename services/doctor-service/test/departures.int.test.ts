// A doctor leaving: DELETE /doctors/{id} and POST /internal/doctors/by-user/{id}/retire, decided in the
// doctor's booking queue (appointment-service's RETIRE_DOCTOR), against the real stack.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, beforeEach, describe, it } from 'node:test';
import { bookingsRacing, freeSlots, requestBooking as book, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import {
  ALL_WEEK,
  createCabinet,
  createDoctor,
  createSpecialization,
  doctorService as api,
  type CreatedDoctor,
} from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, claimsOf, passwordToken, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { gateway } from '../../../tests/support/notifications.ts';
import { testStack } from '../../../tests/support/stack.ts';

const activeAppointmentsOf = (doctorId: string) =>
  withAppointmentsDb(async (db) =>
    (
      await db.query(`SELECT id FROM appointments WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED') ORDER BY id`, [doctorId])
    ).rows.map((row) => row.id as string),
  );

const rolesOf = async (user: TestUser) => claimsOf(await passwordToken(user.email, user.password)).realm_access.roles as string[];

describe('DELETE /doctors/{id}', () => {
  let admin: string;
  // A patient of their own for each test: one patient's appointments at the same time would collide (PATIENT_BUSY).
  let patient: TestUser;

  before(async () => {
    admin = await adminToken();
  });
  beforeEach(async () => {
    patient = await registerPatient('departures');
  });

  const remove = (doctorId: string, token = admin) => http(api(`/doctors/${doctorId}`), { method: 'DELETE', token });

  it('answers 409 DOCTOR_HAS_APPOINTMENTS listing the appointments not ended yet; the doctor stays, listed and bookable', async () => {
    const { doctor, user } = await createDoctor({ schedule: ALL_WEEK });
    const [first, second, third] = await freeSlots(doctor.id, 3);
    const booked = [(await book(patient, doctor.id, first!)).body, (await book(patient, doctor.id, second!)).body];
    const answer = await remove(doctor.id);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'DOCTOR_HAS_APPOINTMENTS');
    assert.deepEqual(
      answer.body.error.details.appointments,
      booked.map((a) => ({ id: a.id, start_time: a.start_time, end_time: a.end_time, patient_name: 'Test departures' })),
    );
    assert.equal((await http(api(`/doctors/${doctor.id}`))).status, 200);
    const listed = await http(api(`/doctors?specialization_id=${doctor.specialization.id}`));
    assert.deepEqual(
      listed.body.items.map((d: { id: string }) => d.id),
      [doctor.id],
    );
    assert.equal((await book(patient, doctor.id, third!)).status, 201, 'bookable again');
    assert.ok((await rolesOf(user)).includes('DOCTOR'), 'still a doctor');
  });

  it('deletes a doctor without appointments ahead and makes their user a patient again', async () => {
    const { doctor, user } = await createDoctor({ schedule: ALL_WEEK });
    // A cancelled appointment holds nothing.
    const [slot] = await freeSlots(doctor.id, 1);
    const cancelled = (await book(patient, doctor.id, slot!)).body;
    await http(gateway(`/appointments/${cancelled.id}/cancel`), { method: 'PUT', token: patient.token });
    assert.equal((await remove(doctor.id)).status, 204);
    assert.equal((await http(api(`/doctors/${doctor.id}`))).status, 404);
    const roles = await rolesOf(user);
    assert.ok(roles.includes('PATIENT') && !roles.includes('DOCTOR'), roles.join());
    const profile = await http(gateway(`/users/${user.id}`), { token: admin });
    assert.equal(profile.body.role, 'PATIENT');
    const late = await book(patient, doctor.id, slot!);
    assert.equal(late.status, 404);
    assert.equal(late.body.error.code, 'DOCTOR_NOT_FOUND');
  });

  it('leaves an admin who also saw patients an admin', async () => {
    const user = await registerPatient('admin-doctor');
    assert.equal((await http(gateway(`/users/${user.id}/role`), { method: 'PUT', token: admin, body: { role: 'ADMIN' } })).status, 200);
    const [specialization, cabinet] = await Promise.all([createSpecialization({ admin }), createCabinet({ admin })]);
    const made = await http(api('/doctors'), {
      method: 'POST',
      token: admin,
      body: { user_id: user.id, specialization_id: specialization.id, cabinet_id: cabinet.id },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal((await remove(made.body.id)).status, 204);
    assert.ok((await rolesOf(user)).includes('ADMIN'));
    // Back to a patient, so the realm keeps its one admin of the tests.
    assert.equal((await http(gateway(`/users/${user.id}/role`), { method: 'PUT', token: admin, body: { role: 'PATIENT' } })).status, 200);
  });

  it('answers 404 for a doctor nobody knows, 403 to the doctor themselves', async () => {
    const { doctor, user } = await createDoctor({ schedule: [] });
    assert.equal((await remove(randomUUID())).status, 404);
    assert.equal((await remove(doctor.id, user.token)).status, 403);
  });

  describe('racing a burst of bookings', () => {
    /**
     * Sends `count` bookings of distinct slots one after another without waiting for the answers, and
     * the deletion once `deleteAfter` of them are on their way.
     */
    async function race(doctor: CreatedDoctor, slots: Slot[], deleteAfter: number) {
      const { answers, change: deleted } = await bookingsRacing(patient, doctor.doctor.id, slots, deleteAfter, () =>
        remove(doctor.doctor.id),
      );
      for (const answer of answers) {
        const refusedAsGone = answer.status === 404 && answer.body.error.code === 'DOCTOR_NOT_FOUND';
        assert.ok(answer.status === 201 || refusedAsGone, `a booking answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return { deleted, booked: answers.filter((a) => a.status === 201).map((a) => a.body.id as string) };
    }

    it('refuses the deletion listing every booking decided before it, when some came first', async () => {
      const doctor = await createDoctor({ schedule: ALL_WEEK });
      const slots = await freeSlots(doctor.doctor.id, 25);
      const early = (await book(patient, doctor.doctor.id, slots[0]!)).body.id as string;
      const { deleted, booked } = await race(doctor, slots.slice(1), 8);
      assert.equal(deleted.status, 409, JSON.stringify(deleted.body));
      const listed = deleted.body.error.details.appointments.map((a: { id: string }) => a.id);
      assert.ok(listed.includes(early));
      for (const id of listed) assert.ok(id === early || booked.includes(id), `${id} listed, yet its booking was not answered 201`);
      assert.deepEqual(await activeAppointmentsOf(doctor.doctor.id), [early, ...booked].sort(), 'every 201 stands, nothing else');
      assert.equal((await http(api(`/doctors/${doctor.doctor.id}`))).status, 200);
    });

    it('never keeps an appointment of a deleted doctor: deleted, and every booking refused, or refused with the booked ones listed', async () => {
      for (const deleteAfter of [0, 3, 10]) {
        patient = await registerPatient('departures');
        const doctor = await createDoctor({ schedule: ALL_WEEK });
        const slots = await freeSlots(doctor.doctor.id, 20);
        const { deleted, booked } = await race(doctor, slots, deleteAfter);
        const active = await activeAppointmentsOf(doctor.doctor.id);
        if (deleted.status === 204) {
          assert.deepEqual(booked, [], 'a booking answered 201 for a doctor deleted after it');
          assert.deepEqual(active, []);
          assert.equal((await http(api(`/doctors/${doctor.doctor.id}`))).status, 404);
        } else {
          assert.equal(deleted.status, 409, JSON.stringify(deleted.body));
          const listed: string[] = deleted.body.error.details.appointments.map((a: { id: string }) => a.id);
          assert.ok(listed.length > 0);
          for (const id of listed) assert.ok(booked.includes(id), `${id} listed, yet its booking was not answered 201`);
          assert.deepEqual(active, [...booked].sort());
          assert.equal((await http(api(`/doctors/${doctor.doctor.id}`))).status, 200);
        }
      }
    });
  });
});

describe('POST /internal/doctors/by-user/{id}/retire', () => {
  const retire = async (userId: string) =>
    http(api(`/internal/doctors/by-user/${userId}/retire`), { method: 'POST', token: await serviceToken(), body: {} });

  it('answers retired: false for a user who is no doctor', async () => {
    const user = await registerPatient('no-doctor');
    const answer = await retire(user.id);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { retired: false });
  });

  it('deletes the user’s doctor record, leaving the role to user-service', async () => {
    const { doctor, user } = await createDoctor({ schedule: [] });
    const answer = await retire(user.id);
    assert.deepEqual(answer.body, { retired: true });
    assert.equal((await http(api(`/doctors/${doctor.id}`))).status, 404);
    assert.ok((await rolesOf(user)).includes('DOCTOR'));
    assert.deepEqual((await retire(user.id)).body, { retired: false }, 'nothing left the second time');
  });

  it('answers 409 DOCTOR_HAS_APPOINTMENTS while the doctor has some ahead', async () => {
    const [{ doctor, user }, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('by-user')]);
    const [slot] = await freeSlots(doctor.id, 1);
    const booked = (await book(patient, doctor.id, slot!)).body;
    const answer = await retire(user.id);
    assert.equal(answer.status, 409);
    assert.deepEqual(
      answer.body.error.details.appointments.map((a: { id: string }) => a.id),
      [booked.id],
    );
    assert.equal((await http(api(`/doctors/${doctor.id}`))).status, 200);
  });

  it('answers users 403, even an admin, and is not reachable through the gateway', async () => {
    const user = await registerPatient('by-user-guard');
    const path = `/internal/doctors/by-user/${user.id}/retire`;
    assert.equal((await http(api(path), { method: 'POST', token: await adminToken(), body: {} })).status, 403);
    assert.equal((await http(api(path), { method: 'POST', token: user.token, body: {} })).status, 403);
    assert.equal(
      (await http(`${testStack().gatewayUrl}/api${path}`, { method: 'POST', token: await serviceToken(), body: {} })).status,
      404,
    );
  });
});
