// The front desk and the waitlist: a caller put on a doctor's waitlist by the admin, with the limits a
// patient's own entries have; a time held for a waiting patient booked over by the front desk, saying why.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { requestBooking as book, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { eventually, registerNamedPatient, slotsOn } from '../../../tests/support/notifications.ts';
import { testStack } from '../../../tests/support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** The test stack's MAX_WAITLIST_ENTRIES_PER_PATIENT (the default), as GET /appointments/rules publishes it. */
const maxEntries = async (token: string) => {
  const rules = await http(gateway('/appointments/rules'), { token });
  assert.equal(rules.status, 200, JSON.stringify(rules.body));
  return rules.body.max_waitlist_entries_per_patient as number;
};

const addToWaitlist = (token: string, body: Record<string, unknown>) => http(gateway('/waitlist'), { method: 'POST', token, body });

const myEntries = async (patient: TestUser) => {
  const answer = await http(gateway('/waitlist/my'), { token: patient.token });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Array<{ id: string; status: string; doctor_id: string; offer: { start_time: string } | null }>;
};

const frontDeskBooking = (admin: string, doctorId: string, slot: Slot, patientId: string, extra: Record<string, unknown> = {}) =>
  http(gateway('/appointments'), {
    method: 'POST',
    token: admin,
    headers: { 'idempotency-key': randomUUID() },
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end, patient_id: patientId, ...extra },
  });

const auditTrail = async (admin: string) =>
  (await http(gateway('/appointments/audit?limit=100'), { token: admin })).body.items as Array<{
    action: string;
    actor_id: string;
    target: Record<string, string>;
    details: Record<string, unknown> | null;
  }>;

describe('the front desk and the waitlist', () => {
  let doctor: CreatedDoctor;
  let admin: string;
  let adminId: string;

  before(async () => {
    doctor = await createDoctor({ schedule: ALL_WEEK });
    admin = await adminToken();
    adminId = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()).sub;
  });

  it('puts a caller on a doctor’s waitlist by their id, with the patient’s own limits; a patient cannot add someone else', async () => {
    const caller = await registerNamedPatient('Ilie Brânzaru');
    const other = await registerPatient('waitlist-other');
    const added = await addToWaitlist(admin, {
      doctor_id: doctor.doctor.id,
      date_from: clinicDate(1),
      date_to: clinicDate(3),
      patient_id: caller.id,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.patient_id, caller.id);
    assert.equal(added.body.patient_name, 'Ilie Brânzaru');
    assert.equal(added.body.status, 'WAITING');
    assert.deepEqual(
      (await myEntries(caller)).map((entry) => entry.id),
      [added.body.id],
      'the caller sees the entry the front desk made',
    );

    const again = await addToWaitlist(admin, {
      doctor_id: doctor.doctor.id,
      date_from: clinicDate(1),
      date_to: clinicDate(3),
      patient_id: caller.id,
    });
    assert.deepEqual([again.status, again.body.error.code], [409, 'WAITLIST_ENTRY_EXISTS']);
    const range = { doctor_id: doctor.doctor.id, date_from: clinicDate(4), date_to: clinicDate(4) };
    const noPatient = await addToWaitlist(admin, range);
    assert.deepEqual([noPatient.status, noPatient.body.error.code], [400, 'PATIENT_REQUIRED']);
    const unknown = await addToWaitlist(admin, { ...range, patient_id: randomUUID() });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'PATIENT_NOT_FOUND']);
    const pastDays = await addToWaitlist(admin, { ...range, date_from: clinicDate(-1), patient_id: caller.id });
    assert.deepEqual([pastDays.status, pastDays.body.error.code], [400, 'IN_PAST']);
    assert.equal((await addToWaitlist(other.token, { ...range, patient_id: caller.id })).status, 403);
    assert.equal((await myEntries(caller)).length, 1, 'nothing refused was added');

    // The cap counts the entries the front desk made like the patient's own.
    const cap = await maxEntries(admin);
    for (let day = 5; day < 5 + cap - 1; day++) {
      const more = await addToWaitlist(admin, {
        doctor_id: doctor.doctor.id,
        date_from: clinicDate(day),
        date_to: clinicDate(day),
        patient_id: caller.id,
      });
      assert.equal(more.status, 201, JSON.stringify(more.body));
    }
    const over = await addToWaitlist(admin, { ...range, patient_id: caller.id });
    assert.deepEqual([over.status, over.body.error.code], [409, 'TOO_MANY_WAITLIST_ENTRIES']);

    const audited = (await auditTrail(admin)).find((row) => row.action === 'WAITLIST_ENTRY_ADDED' && row.details?.patient_id === caller.id);
    assert.ok(audited, 'the front desk’s entry is in the audit trail');
    assert.equal(audited.actor_id, adminId);
  });

  it('books a held time only with a reason: the hold ends, the waiter waits on, the override is audited and in the timeline', async () => {
    const [holder, waiter, caller] = [
      await registerPatient('held-holder'),
      await registerPatient('held-waiter'),
      await registerPatient('held-caller'),
    ];
    const created = await createDoctor({ schedule: ALL_WEEK });
    const doctorId = created.doctor.id;
    const [slot] = await slotsOn(doctorId, 2);
    const booked = await book(holder, doctorId, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const joined = await addToWaitlist(waiter.token, { doctor_id: doctorId, date_from: clinicDate(2), date_to: clinicDate(2) });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.equal((await http(gateway(`/appointments/${booked.body.id}/cancel`), { method: 'PUT', token: holder.token })).status, 200);
    await eventually('the freed time is held for the waiter', async () => (await myEntries(waiter)).find((entry) => entry.offer !== null));

    const refused = await frontDeskBooking(admin, doctorId, slot!, caller.id);
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'SLOT_HELD']);
    const byPatient = await book(caller, doctorId, slot!);
    assert.equal(byPatient.status, 409, 'the patient’s own booking still meets the hold');
    const patientOverride = await http(gateway('/appointments'), {
      method: 'POST',
      token: caller.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: doctorId, start_time: slot!.start, end_time: slot!.end, override_hold_reason: 'I am in a hurry' },
    });
    assert.equal(patientOverride.status, 403, JSON.stringify(patientOverride.body));
    const blank = await frontDeskBooking(admin, doctorId, slot!, caller.id, { override_hold_reason: '   ' });
    assert.equal(blank.status, 400, 'a reason says something');

    const reason = 'Durere acută: pacientul vine azi';
    const overridden = await frontDeskBooking(admin, doctorId, slot!, caller.id, { override_hold_reason: reason });
    assert.equal(overridden.status, 201, JSON.stringify(overridden.body));
    assert.equal(overridden.body.patient_id, caller.id);

    const holds = await withAppointmentsDb(
      async (db) =>
        (await db.query(`SELECT patient_id, status, override_reason, appointment_id FROM slot_holds WHERE doctor_id = $1`, [doctorId]))
          .rows,
    );
    assert.deepEqual(holds, [{ patient_id: waiter.id, status: 'OVERRIDDEN', override_reason: reason, appointment_id: overridden.body.id }]);
    const [entry] = await myEntries(waiter);
    assert.deepEqual([entry!.status, entry!.offer], ['WAITING', null], 'the waiter waits on for the next freed time');

    const audited = (await auditTrail(admin)).find(
      (row) => row.action === 'SLOT_HOLD_OVERRIDDEN' && row.target.appointment_id === overridden.body.id,
    );
    assert.ok(audited, 'the override is in the audit trail');
    assert.deepEqual([audited.actor_id, audited.target.patient_id, audited.details], [adminId, waiter.id, { reason }]);

    const timeline = await http(gateway(`/appointments/${overridden.body.id}/timeline`), { token: admin });
    assert.equal(timeline.status, 200, JSON.stringify(timeline.body));
    const [first, second] = timeline.body.entries;
    assert.deepEqual(
      [first.kind, first.reason, first.held_for_patient_id, first.actor.role],
      ['HOLD_OVERRIDDEN', reason, waiter.id, 'ADMIN'],
    );
    assert.deepEqual([second.kind, second.booked_via, second.actor.id], ['BOOKED', 'FRONT_DESK', adminId]);
  });
});
