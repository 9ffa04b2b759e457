// The audit trail of admin actions: an admin changes a role, deletes a user, edits a doctor's week,
// removes a specialization, cancels an appointment and sends a message through the gateway; each
// service's trail (GET /api/users/audit, /api/doctors/audit, /api/appointments/audit,
// /api/notifications/audit) then tells who did what to what, and when. Only admins read it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { freeSlots } from '../support/booking.ts';
import { createDoctor, createSpecialization, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import { adminToken, claimsOf, registerPatient, type TestUser } from '../support/identity.ts';
import { bookThroughGateway, gateway } from '../support/notifications.ts';

interface AuditEntry {
  at: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  method: string;
  path: string;
  target: Record<string, string>;
  details: Record<string, unknown> | null;
}

describe('audit trail of admin actions', () => {
  let admin: string;
  let patient: TestUser;
  let patient2: TestUser;
  let doctor: CreatedDoctor;
  const started = new Date();

  before(async () => {
    admin = await adminToken();
    [patient, patient2, doctor] = await Promise.all([
      registerPatient('audited'),
      registerPatient('audited-booker'),
      createDoctor({ schedule: [], admin }),
    ]);
  });

  const trail = async (path: string): Promise<AuditEntry[]> => {
    const answer = await http(gateway(`${path}?limit=100`), { token: admin });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.items;
  };

  it('records role changes and deletions in user-service: who, what, on whom, when', async () => {
    const doomed = await registerPatient('audited-deleted');
    assert.equal((await http(gateway(`/users/${patient.id}/role`), { method: 'PUT', token: admin, body: { role: 'DOCTOR' } })).status, 200);
    assert.equal((await http(gateway(`/users/${doomed.id}`), { method: 'DELETE', token: admin })).status, 204);

    const entries = await trail('/users/audit');
    const roleChange = entries.find((e) => e.action === 'ROLE_CHANGED' && e.target.id === patient.id);
    const deletion = entries.find((e) => e.action === 'USER_DELETED' && e.target.id === doomed.id);
    assert.ok(roleChange, 'the role change is in the trail');
    assert.ok(deletion, 'the deletion is in the trail');
    assert.equal(roleChange.actor_id, claimsOf(admin).sub);
    assert.ok(roleChange.actor_name);
    assert.deepEqual(roleChange.details, { role: 'DOCTOR' });
    assert.equal(roleChange.method, 'PUT');
    assert.equal(roleChange.path, `/users/${patient.id}/role`);
    assert.ok(new Date(roleChange.at) >= new Date(started.getTime() - 1000), roleChange.at);
    // Newest first.
    assert.ok(entries.indexOf(deletion) < entries.indexOf(roleChange));
  });

  it('records schedule edits and catalogue deletions in doctor-service, admins’ only', async () => {
    const entry = { weekday: 2, start_time: '09:00', end_time: '12:00', slot_minutes: 30 };
    const added = await http(gateway(`/doctors/${doctor.doctor.id}/schedule`), { method: 'POST', token: admin, body: entry });
    assert.equal(added.status, 201);
    // The doctor editing their own week is no admin action.
    const own = { weekday: 3, start_time: '09:00', end_time: '12:00', slot_minutes: 30 };
    assert.equal(
      (await http(gateway(`/doctors/${doctor.doctor.id}/schedule`), { method: 'POST', token: doctor.user.token, body: own })).status,
      201,
    );
    const specialization = await createSpecialization({ admin });
    assert.equal((await http(gateway(`/specializations/${specialization.id}`), { method: 'DELETE', token: admin })).status, 204);

    const entries = await trail('/doctors/audit');
    const scheduleEdits = entries.filter((e) => e.action === 'SCHEDULE_ENTRY_ADDED' && e.target.id === doctor.doctor.id);
    assert.equal(scheduleEdits.length, 1, JSON.stringify(scheduleEdits));
    assert.deepEqual(scheduleEdits[0]!.details, entry);
    assert.equal(scheduleEdits[0]!.actor_id, claimsOf(admin).sub);
    assert.ok(entries.some((e) => e.action === 'SPECIALIZATION_DELETED' && e.target.id === specialization.id));
  });

  it('records an admin’s cancellation in appointment-service and a message sent in notification-service', async () => {
    const [slot] = await freeSlots(doctor.doctor.id, 1);
    const booked = await bookThroughGateway(patient2, doctor.doctor.id, slot!);
    assert.equal((await http(gateway(`/appointments/${booked.id}/cancel`), { method: 'PUT', token: admin })).status, 200);
    const message = { user_id: patient2.id, subject: 'Audited message', message: 'Sent by an admin' };
    assert.equal((await http(gateway('/notifications/send'), { method: 'POST', token: admin, body: message })).status, 202);

    const cancellation = (await trail('/appointments/audit')).find(
      (e) => e.action === 'APPOINTMENT_CANCELLED' && e.target.id === booked.id,
    );
    assert.ok(cancellation, 'the cancellation is in the trail');
    assert.equal(cancellation.actor_id, claimsOf(admin).sub);
    const sent = (await trail('/notifications/audit')).find((e) => e.action === 'NOTIFICATION_SENT' && e.details?.user_id === patient2.id);
    assert.ok(sent, 'the message is in the trail');
    assert.deepEqual(sent.details, message);
  });

  it('is readable by admins only', async () => {
    for (const path of ['/users/audit', '/doctors/audit', '/appointments/audit', '/notifications/audit']) {
      assert.equal((await http(gateway(path))).status, 401);
      assert.equal((await http(gateway(path), { token: doctor.user.token })).status, 403);
    }
  });
});
