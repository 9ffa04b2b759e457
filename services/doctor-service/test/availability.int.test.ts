import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import pg from 'pg';
import { clinicDate, createDoctor, doctorService as api, isoWeekday } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { registerPatient, passwordToken } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

interface Day {
  date: string;
  slots: { start: string; end: string }[];
  reason?: string;
}

const availability = (doctorId: string, query: string) => http(api(`/doctors/${doctorId}/availability${query}`));

describe('GET /doctors/{id}/availability', () => {
  it('answers each day of the span as available-slots does, with the reason on days without slots', async () => {
    const from = clinicDate(-1);
    const working = clinicDate(2);
    const { doctor, timeOff } = await createDoctor({
      schedule: [{ weekday: isoWeekday(working), start_time: '09:00', end_time: '10:00' }],
      timeOff: [{ start_date: clinicDate(9), end_date: clinicDate(9), reason: 'conference' }],
    });
    assert.equal(timeOff.length, 1);
    const answer = await availability(doctor.id, `?from=${from}&days=14`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.doctor_id, doctor.id);
    assert.equal(answer.body.time_zone, 'Europe/Bucharest');
    assert.equal(answer.body.horizon_days, 90);
    const days: Day[] = answer.body.dates;
    assert.deepEqual(
      days.map((day) => day.date),
      Array.from({ length: 14 }, (_, i) => clinicDate(i - 1)),
    );
    const byDate = new Map(days.map((day) => [day.date, day]));
    assert.equal(byDate.get(from)!.reason, 'PAST_DATE');
    assert.deepEqual(
      byDate.get(working)!.slots.map((slot) => slot.start.slice(11, 16)),
      ['09:00', '09:30'],
    );
    assert.equal(byDate.get(working)!.reason, undefined);
    // The same weekday a week later is a day off.
    assert.equal(byDate.get(clinicDate(9))!.reason, 'TIME_OFF');
    assert.equal(byDate.get(clinicDate(3))!.reason, 'NOT_WORKING');
    for (const day of days) {
      const single = await http(api(`/doctors/${doctor.id}/available-slots?date=${day.date}`));
      assert.deepEqual({ slots: day.slots, reason: day.reason }, { slots: single.body.slots, reason: single.body.reason }, day.date);
    }
  });

  it('leaves out a booked slot and says BEYOND_HORIZON past the booking horizon', async () => {
    const { doctor } = await createDoctor({});
    const date = clinicDate(1);
    const before = (await availability(doctor.id, `?from=${date}&days=1`)).body.dates[0] as Day;
    const slot = before.slots[0]!;
    const patient = await registerPatient('availability');
    const token = await passwordToken(patient.email, patient.password);
    const booked = await http(`${testStack().gatewayUrl}/api/appointments`, {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: doctor.id, start_time: slot.start, end_time: slot.end },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const after = (await availability(doctor.id, `?from=${date}&days=1`)).body.dates[0] as Day;
    assert.deepEqual(after.slots, before.slots.slice(1));

    const edge = (await availability(doctor.id, `?from=${clinicDate(89)}&days=3`)).body.dates as Day[];
    assert.deepEqual(
      edge.map((day) => [day.slots.length > 0, day.reason]),
      [
        [true, undefined],
        [true, undefined],
        [false, 'BEYOND_HORIZON'],
      ],
    );
  });

  it('covers seven days unless told, and answers 400 for a bad span, 404 for an unknown doctor', async () => {
    const { doctor } = await createDoctor({ schedule: [] });
    const week = await availability(doctor.id, `?from=${clinicDate(1)}`);
    assert.equal(week.status, 200);
    assert.equal(week.body.dates.length, 7);
    for (const query of ['?from=2030-02-30', `?from=${clinicDate(1)}&days=15`, `?from=${clinicDate(1)}&days=0`, '?days=3', '']) {
      const answer = await availability(doctor.id, query);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await availability(randomUUID(), `?from=${clinicDate(1)}`)).status, 404);
  });

  it('follows a calendar changed by another writer than this replica (another replica, an operator) within moments', async () => {
    const date = clinicDate(3);
    const { doctor } = await createDoctor({ schedule: [{ weekday: isoWeekday(date), start_time: '09:00', end_time: '10:00' }] });
    const slotsOf = async () => (await http(api(`/doctors/${doctor.id}/available-slots?date=${date}`))).body;
    // Asked twice: the calendar is now the one this replica keeps.
    assert.equal((await slotsOf()).slots.length, 2);
    assert.equal((await availability(doctor.id, `?from=${date}&days=1`)).body.dates[0].slots.length, 2);

    const db = new pg.Client({ connectionString: testStack().postgres.roles.doctor_service!.url });
    await db.connect();
    try {
      // The replica listens for the announcements (else it keeps nothing, and this test would prove little).
      const listening = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN doctor_calendar'`);
      assert.ok(listening.rows[0].n >= 1, 'doctor-service listens to calendar announcements');
      await db.query(`INSERT INTO time_off (doctor_id, start_date, end_date, reason) VALUES ($1, $2, $2, 'Written by hand')`, [
        doctor.id,
        date,
      ]);
      const answered = async (reason: string | undefined) => {
        for (let tries = 0; tries < 50; tries++) {
          const [single, span] = [await slotsOf(), (await availability(doctor.id, `?from=${date}&days=1`)).body.dates[0]];
          if (single.reason === reason && span.reason === reason) return true;
          await sleep(100);
        }
        return false;
      };
      assert.ok(await answered('TIME_OFF'), 'the time off written in the database is answered');
      await db.query('DELETE FROM time_off WHERE doctor_id = $1', [doctor.id]);
      assert.ok(await answered(undefined), 'and so is its removal');
      assert.equal((await slotsOf()).slots.length, 2);
      await db.query("UPDATE schedules SET end_time = '09:30' WHERE doctor_id = $1", [doctor.id]);
      for (let tries = 0; tries < 50 && (await slotsOf()).slots.length !== 1; tries++) await sleep(100);
      assert.equal((await slotsOf()).slots.length, 1, 'a schedule changed in the database is answered');
    } finally {
      await db.end();
    }
  });
});
