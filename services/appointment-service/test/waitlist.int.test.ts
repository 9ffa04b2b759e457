import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { requestBooking as book, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, CLINIC_TIME_ZONE, clinicDate, createDoctor, isoWeekday, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { waitForMails } from '../../../tests/support/mail.ts';
import { emailTimes, eventually, registerNamedPatient, slotsOn } from '../../../tests/support/notifications.ts';
import { testStack } from '../../../tests/support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}/api${path}`;

/** The test stack's WAITLIST_HOLD_SECONDS (devstack/src/platform.ts). */
const HOLD_SECONDS = 10;

const cancel = (token: string, id: string) => http(gateway(`/appointments/${id}/cancel`), { method: 'PUT', token });

const join = (patient: TestUser, doctorId: string, from: number, to = from) =>
  http(gateway('/waitlist'), {
    method: 'POST',
    token: patient.token,
    body: { doctor_id: doctorId, date_from: clinicDate(from), date_to: clinicDate(to) },
  });

const myEntries = async (patient: TestUser) => {
  const answer = await http(gateway('/waitlist/my'), { token: patient.token });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Array<{
    id: string;
    status: string;
    doctor_id: string;
    offer: { hold_id: string; start_time: string; expires_at: string } | null;
  }>;
};

/** The patient's entry for the doctor once it holds an offer of `slot`. */
const offerOf = (patient: TestUser, doctorId: string, slot: Slot, timeoutMs = 30_000) =>
  eventually(
    `${patient.email} is offered ${slot.start}`,
    async () =>
      (await myEntries(patient)).find(
        (e) => e.doctor_id === doctorId && e.offer && Date.parse(e.offer.start_time) === Date.parse(slot.start),
      ),
    timeoutMs,
  );

const sameTime = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** "2026-12-07 15:10:05 (Europe/Bucharest)": an instant on the clinic's wall clock, as SLOT_HELD tells it. */
const inClinicTime = (instant: string) => {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(new Date(instant));
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: CLINIC_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return `${date} ${time} (${CLINIC_TIME_ZONE})`;
};

/** The doctor's active appointments and active holds at the slot's start, as stored. */
const occupancy = (doctorId: string, slot: Slot) =>
  withAppointmentsDb(async (db) => {
    const appointments = await db.query(
      `SELECT patient_id FROM appointments WHERE doctor_id = $1 AND start_time = $2 AND status IN ('PENDING', 'CONFIRMED')`,
      [doctorId, slot.start],
    );
    const holds = await db.query(`SELECT patient_id, status FROM slot_holds WHERE doctor_id = $1 AND start_time = $2 ORDER BY created_at`, [
      doctorId,
      slot.start,
    ]);
    return {
      appointments: appointments.rows.map((r) => r.patient_id as string),
      holds: holds.rows as Array<{ patient_id: string; status: string }>,
    };
  });

/** A doctor with one appointment of `holder` on the clinic day `day` from today: the time a cancellation will free. */
async function bookedTime(holder: TestUser, day = 2): Promise<{ created: CreatedDoctor; slot: Slot; appointmentId: string }> {
  const created = await createDoctor({ schedule: ALL_WEEK });
  const [slot] = await slotsOn(created.doctor.id, day);
  const booked = await book(holder, created.doctor.id, slot!);
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  return { created, slot: slot!, appointmentId: booked.body.id };
}

describe('the waitlist: joining, leaving, who sees it', () => {
  let doctor: CreatedDoctor;
  let otherDoctor: CreatedDoctor;
  let patient: TestUser;
  let stranger: TestUser;
  let admin: string;

  before(async () => {
    [doctor, otherDoctor, patient, stranger] = await Promise.all([
      createDoctor({ schedule: ALL_WEEK }),
      createDoctor({ schedule: ALL_WEEK }),
      registerPatient('waitlist-owner'),
      registerPatient('waitlist-stranger'),
    ]);
    admin = await adminToken();
  });

  it('adds an entry WAITING for the days asked, shown in the patient’s list without an offer', async () => {
    const joined = await join(patient, doctor.doctor.id, 1, 7);
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.deepEqual(
      { ...joined.body, id: undefined, created_at: undefined },
      {
        id: undefined,
        created_at: undefined,
        patient_id: patient.id,
        patient_name: 'Test waitlist-owner',
        doctor_id: doctor.doctor.id,
        doctor_name: doctor.doctor.full_name,
        date_from: clinicDate(1),
        date_to: clinicDate(7),
        status: 'WAITING',
        offer: null,
      },
    );
    assert.deepEqual(
      (await myEntries(patient)).map((e) => e.id),
      [joined.body.id],
    );
    assert.deepEqual(await myEntries(stranger), []);
  });

  it('refuses a second active entry for the same doctor and days (409), and bad ranges with a 4xx code', async () => {
    const again = await join(patient, doctor.doctor.id, 1, 7);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'WAITLIST_ENTRY_EXISTS');
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['in the past', { date_from: clinicDate(-1), date_to: clinicDate(1) }, 400, 'IN_PAST'],
      ['ending before it starts', { date_from: clinicDate(3), date_to: clinicDate(2) }, 400, 'INVALID_RANGE'],
      ['longer than 31 days', { date_from: clinicDate(1), date_to: clinicDate(32) }, 400, 'RANGE_TOO_LONG'],
      ['beyond the booking horizon', { date_from: clinicDate(85), date_to: clinicDate(100) }, 400, 'BEYOND_HORIZON'],
      ['an unknown doctor', { doctor_id: randomUUID(), date_from: clinicDate(1), date_to: clinicDate(2) }, 404, 'NOT_FOUND'],
      ['not a date', { date_from: 'tomorrow', date_to: clinicDate(2) }, 400, 'VALIDATION_FAILED'],
      ['no such day', { date_from: '2026-02-30', date_to: '2026-03-01' }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { date_from: clinicDate(1), date_to: clinicDate(2), status: 'OFFERED' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [label, body, status, code] of cases) {
      const answer = await http(gateway('/waitlist'), {
        method: 'POST',
        token: stranger.token,
        body: { doctor_id: doctor.doctor.id, ...body },
      });
      assert.equal(answer.status, status, `${label}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, label);
    }
    assert.deepEqual(await myEntries(stranger), []);
  });

  it('shows a doctor’s waiters, oldest first, to admins and to that doctor only (another doctor: 404; patients: 403)', async () => {
    const second = await join(stranger, doctor.doctor.id, 2, 3);
    assert.equal(second.status, 201);
    const asAdmin = await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}`), { token: admin });
    assert.equal(asAdmin.status, 200);
    assert.deepEqual(
      asAdmin.body.items.map((e: { patient_id: string }) => e.patient_id),
      [patient.id, stranger.id],
    );
    assert.equal(asAdmin.body.total, 2);
    const asDoctor = await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}&limit=1&offset=1`), { token: doctor.user.token });
    assert.equal(asDoctor.status, 200);
    assert.deepEqual(
      asDoctor.body.items.map((e: { patient_id: string }) => e.patient_id),
      [stranger.id],
    );
    assert.equal((await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}`), { token: otherDoctor.user.token })).status, 404);
    assert.equal((await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}`), { token: patient.token })).status, 403);
    assert.equal((await http(gateway('/waitlist'), { token: admin })).status, 400);
    assert.equal((await http(gateway(`/waitlist?doctor_id=${doctor.doctor.id}&offset=99999999999`), { token: admin })).status, 400);
  });

  it('lets only the entry’s patient leave it (another patient: 404), after which it is gone', async () => {
    const [entry] = await myEntries(patient);
    assert.equal((await http(gateway(`/waitlist/${entry!.id}`), { method: 'DELETE', token: stranger.token })).status, 404);
    assert.equal((await http(gateway(`/waitlist/${entry!.id}`), { method: 'DELETE', token: admin })).status, 403);
    assert.equal((await http(gateway(`/waitlist/${entry!.id}`), { method: 'DELETE', token: patient.token })).status, 204);
    assert.deepEqual(await myEntries(patient), []);
    assert.equal((await http(gateway(`/waitlist/${entry!.id}`), { method: 'DELETE', token: patient.token })).status, 404);
    assert.equal((await http(gateway('/waitlist/not-an-id'), { method: 'DELETE', token: patient.token })).status, 400);
    // Left, the patient may join for the same days again.
    assert.equal((await join(patient, doctor.doctor.id, 1, 7)).status, 201);
  });
});

describe('a freed time offered to the waitlist, held through the booking queue', () => {
  it('three waiters, one cancellation: the first is offered and emailed, the others get SLOT_HELD, the first books it', async () => {
    const holder = await registerPatient('waitlist-holder');
    const { created, slot, appointmentId } = await bookedTime(holder);
    const doctorId = created.doctor.id;
    const first = await registerNamedPatient('Ioana Văduva');
    const [second, third] = await Promise.all([registerPatient('waitlist-second'), registerPatient('waitlist-third')]);
    // One after another: the order they joined is the order they are told.
    for (const waiter of [first, second, third]) assert.equal((await join(waiter, doctorId, 1, 5)).status, 201);

    assert.equal((await cancel(holder.token, appointmentId)).status, 200);
    const offered = await offerOf(first, doctorId, slot);
    assert.equal(offered.status, 'OFFERED');
    const heldFor = Date.parse(offered.offer!.expires_at) - Date.now();
    assert.ok(heldFor > 0 && heldFor <= HOLD_SECONDS * 1000, `held for WAITLIST_HOLD_SECONDS, not ${heldFor} ms`);
    // The held time is no free slot for anyone browsing.
    assert.ok(!(await slotsOn(doctorId, 2)).some((s) => sameTime(s.start, slot.start)), 'the held time is not offered as free');

    const others = await Promise.all([book(second, doctorId, slot), book(third, doctorId, slot)]);
    for (const answer of others) {
      assert.equal(answer.status, 409, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'SLOT_HELD');
      // Until when, on the clinic's clock rather than in UTC.
      assert.ok(answer.body.error.message.endsWith(`until ${inClinicTime(offered.offer!.expires_at)}`), answer.body.error.message);
    }
    const booked = await book(first, doctorId, slot);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));

    assert.deepEqual(await occupancy(doctorId, slot), { appointments: [first.id], holds: [{ patient_id: first.id, status: 'BOOKED' }] });
    assert.equal((await myEntries(first))[0]!.status, 'BOOKED');
    for (const waiter of [second, third]) {
      const [entry] = await myEntries(waiter);
      assert.deepEqual([entry!.status, entry!.offer], ['WAITING', null]);
    }

    const [mail] = await waitForMails(first.email, [/^Un interval s-a eliberat pentru dumneavoastră/]);
    assert.equal(mail!.Subject, `Un interval s-a eliberat pentru dumneavoastră: ${created.doctor.full_name}, ${emailTimes(slot, 'ro')}`);
    for (const part of [mail!.Text, mail!.HTML]) {
      assert.ok(part.includes('Bună ziua, Ioana Văduva,'), 'greets with diacritics intact');
      assert.ok(part.includes(`Intervalul ${emailTimes(slot, 'ro')} este rezervat pentru dumneavoastră până `));
      assert.ok(part.includes(`${testStack().gatewayUrl}/waitlist`), 'links to the waitlist page on the public origin');
    }
    const notification = await eventually('the offer’s notification is recorded', async () => {
      const answer = await http(gateway('/notifications/my'), { token: first.token });
      return answer.body.items.find((n: { type: string }) => n.type === 'WAITLIST_OFFER');
    });
    assert.equal(notification.appointment_id, null, 'an offer belongs to no appointment');
  });

  it('a hold left to lapse passes to the next waiter; the first may not book it any more', async () => {
    const holder = await registerPatient('lapse-holder');
    const { created, slot, appointmentId } = await bookedTime(holder);
    const doctorId = created.doctor.id;
    const [first, second] = [await registerPatient('lapse-first'), await registerPatient('lapse-second')];
    for (const waiter of [first, second]) assert.equal((await join(waiter, doctorId, 2)).status, 201);

    assert.equal((await cancel(holder.token, appointmentId)).status, 200);
    await offerOf(first, doctorId, slot);
    // Nobody books: after WAITLIST_HOLD_SECONDS the lapse job offers the time again.
    const passed = await offerOf(second, doctorId, slot, HOLD_SECONDS * 1000 + 30_000);
    assert.equal(passed.status, 'OFFERED');
    const [firstEntry] = await myEntries(first);
    assert.deepEqual([firstEntry!.status, firstEntry!.offer], ['WAITING', null], 'the first waits again, for other times');
    assert.deepEqual((await occupancy(doctorId, slot)).holds, [
      { patient_id: first.id, status: 'LAPSED' },
      { patient_id: second.id, status: 'ACTIVE' },
    ]);
    const late = await book(first, doctorId, slot);
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'SLOT_HELD');
    assert.equal((await book(second, doctorId, slot)).status, 201);
  });

  it('a time starting sooner than the hold length is held until its start, no longer', async (t) => {
    const [holder, waiter] = [await registerPatient('soon-holder'), await registerPatient('soon-waiter')];
    // Working hours today from a minute boundary shortly ahead, in 5-minute slots: a freed time that starts
    // seconds after the cancellation, sooner than WAITLIST_HOLD_SECONDS.
    const startAt = new Date(Math.ceil((Date.now() + 45_000) / 60_000) * 60_000);
    const endAt = new Date(startAt.getTime() + 10 * 60_000);
    const dayOf = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE }).format(at);
    const clock = (at: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const today = clinicDate(0);
    if (dayOf(startAt) !== today || dayOf(endAt) !== today || clock(endAt) === '00:00') {
      t.skip('too close to the clinic’s midnight for working hours starting in a minute');
      return;
    }
    const created = await createDoctor({
      schedule: [{ weekday: isoWeekday(today), start_time: clock(startAt), end_time: clock(endAt), slot_minutes: 5 }],
    });
    const doctorId = created.doctor.id;
    const [slot] = await slotsOn(doctorId, 0);
    assert.ok(slot && sameTime(slot.start, startAt.toISOString()), JSON.stringify(slot));
    const booked = await book(holder, doctorId, slot);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal((await join(waiter, doctorId, 0)).status, 201);

    const cancelAt = startAt.getTime() - (HOLD_SECONDS - 2) * 1000;
    assert.ok(Date.now() < cancelAt, 'the set-up took too long: the freed time would start before the test could cancel');
    await sleep(cancelAt - Date.now());
    // Inside the patient cut-off: the doctor cancels, saying why.
    const cancelled = await http(gateway(`/appointments/${booked.body.id}/cancel`), {
      method: 'PUT',
      token: created.user.token,
      body: { reason: 'The patient called: they cannot come' },
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const offered = await offerOf(waiter, doctorId, slot, 5_000);
    assert.ok(
      sameTime(offered.offer!.expires_at, slot.start),
      `held until the time's start ${slot.start}, not ${offered.offer!.expires_at} (${HOLD_SECONDS} s after the offer)`,
    );
  });

  it('a cancellation racing a direct booking of the freed time: either the booking or the hold wins, never both', async () => {
    const holder = await registerPatient('race-holder');
    const outcomes: string[] = [];
    for (const delayMs of [0, 100, 300, 800]) {
      const { created, slot, appointmentId } = await bookedTime(holder);
      const doctorId = created.doctor.id;
      const [waiter, direct] = await Promise.all([registerPatient('race-waiter'), registerPatient('race-direct')]);
      assert.equal((await join(waiter, doctorId, 2)).status, 201);

      const cancelled = cancel(holder.token, appointmentId);
      // The direct booker tries the time over and over from the moment the cancellation is sent.
      const direct_ = (async () => {
        await sleep(delayMs);
        for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(20)) {
          const answer = await book(direct, doctorId, slot);
          if (answer.status === 201) return 'BOOKED';
          assert.equal(answer.status, 409, JSON.stringify(answer.body));
          if (answer.body.error.code === 'SLOT_HELD') return 'HELD';
          assert.equal(answer.body.error.code, 'SLOT_TAKEN');
        }
        assert.fail('the direct booking never got an answer other than SLOT_TAKEN');
      })();
      assert.equal((await cancelled).status, 200);
      const outcome = await direct_;
      outcomes.push(outcome);

      // The offer for this cancellation is decided (whatever it was) before the state is read.
      const decided = await eventually('the offer of the freed time is decided', () =>
        withAppointmentsDb(async (db) => {
          const { rows } = await db.query(
            `SELECT c.outcome FROM booking_commands c JOIN appointment_events e ON c.idempotency_key = 'freed:' || e.id
             WHERE e.appointment_id = $1 AND e.type = 'CANCELLED'`,
            [appointmentId],
          );
          return rows[0]?.outcome ?? undefined;
        }),
      );
      const state = await occupancy(doctorId, slot);
      if (outcome === 'BOOKED') {
        assert.deepEqual(state, { appointments: [direct.id], holds: [] }, 'the booking won: no hold was made');
        assert.deepEqual(decided, { result: 'NOT_OFFERED', reason: 'TAKEN' });
      } else {
        assert.deepEqual(state, { appointments: [], holds: [{ patient_id: waiter.id, status: 'ACTIVE' }] }, 'the hold won: nothing booked');
        assert.equal(decided.result, 'OFFERED');
      }
    }
    process.stderr.write(`[waitlist race] direct booking outcomes by delay: ${outcomes.join(', ')}\n`);
  });

  it('skips a waiter busy at that time, and offers a time moved away from', async () => {
    const holder = await registerPatient('busy-holder');
    const { created, slot, appointmentId } = await bookedTime(holder);
    const doctorId = created.doctor.id;
    const [busy, free] = [await registerPatient('busy-waiter'), await registerPatient('free-waiter')];
    // The first waiter has an appointment with another doctor at that very time.
    const { doctor: elsewhere } = await createDoctor({ schedule: ALL_WEEK });
    assert.equal((await book(busy, elsewhere.id, slot)).status, 201);
    for (const waiter of [busy, free]) assert.equal((await join(waiter, doctorId, 1, 3)).status, 201);

    // The holder moves to a later time: the old one is freed.
    const later = (await slotsOn(doctorId, 3))[0]!;
    const moved = await http(gateway(`/appointments/${appointmentId}`), {
      method: 'PUT',
      token: holder.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { start_time: later.start, end_time: later.end },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await offerOf(free, doctorId, slot);
    const [busyEntry] = await myEntries(busy);
    assert.deepEqual([busyEntry!.status, busyEntry!.offer], ['WAITING', null]);
  });

  it('a waiter leaving gives the held time to the next one; a move into a held time answers SLOT_HELD', async () => {
    const holder = await registerPatient('leave-holder');
    const { created, slot, appointmentId } = await bookedTime(holder);
    const doctorId = created.doctor.id;
    const [first, second] = [await registerPatient('leave-first'), await registerPatient('leave-second')];
    for (const waiter of [first, second]) assert.equal((await join(waiter, doctorId, 2)).status, 201);
    assert.equal((await cancel(holder.token, appointmentId)).status, 200);
    const offered = await offerOf(first, doctorId, slot);

    // Someone with an appointment of this doctor tries to move it into the held time.
    const mover = await registerPatient('leave-mover');
    const [later] = (await slotsOn(doctorId, 4)).slice(-1);
    const own = await book(mover, doctorId, later!);
    assert.equal(own.status, 201);
    const into = await http(gateway(`/appointments/${own.body.id}`), {
      method: 'PUT',
      token: mover.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { start_time: slot.start, end_time: slot.end },
    });
    assert.equal(into.status, 409);
    assert.equal(into.body.error.code, 'SLOT_HELD');

    assert.equal((await http(gateway(`/waitlist/${offered.id}`), { method: 'DELETE', token: first.token })).status, 204);
    await offerOf(second, doctorId, slot);
    assert.deepEqual((await occupancy(doctorId, slot)).holds, [
      { patient_id: first.id, status: 'RELEASED' },
      { patient_id: second.id, status: 'ACTIVE' },
    ]);
  });
});
