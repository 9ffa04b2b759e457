import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { createLogger, loadConfig, type App } from '@clinic/service-kit';
import { DoctorBookingProfile } from '@clinic/contracts';
import { build } from '../src/app.ts';
import { configSchema } from '../src/config.ts';
import { ALL_WEEK, clinicDate, createDoctor, doctorService as api, isoWeekday, type CreatedDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, registerPatient, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const UNKNOWN_ID = randomUUID();
const entry = (weekday: number, start_time: string, end_time: string, extra: Record<string, unknown> = {}) => ({
  weekday,
  start_time,
  end_time,
  ...extra,
});

describe('a doctor’s schedule', () => {
  let admin: string;
  let patient: TestUser;
  let own: CreatedDoctor;
  let other: CreatedDoctor;
  before(async () => {
    admin = await adminToken();
    [patient, own, other] = await Promise.all([
      registerPatient('schedule'),
      createDoctor({ schedule: [] }),
      createDoctor({ schedule: [] }),
    ]);
  });

  const add = (token: string | undefined, body: unknown, doctorId = own.doctor.id) =>
    http(api(`/doctors/${doctorId}/schedule`), { method: 'POST', token, body });

  describe('POST /doctors/{id}/schedule', () => {
    it('adds working hours for the doctor themselves, with 30-minute slots unless told', async () => {
      const answer = await add(own.user.token, entry(1, '09:00', '13:00'));
      assert.equal(answer.status, 201);
      assert.deepEqual(
        { ...answer.body, id: undefined },
        {
          id: undefined,
          doctor_id: own.doctor.id,
          weekday: 1,
          start_time: '09:00',
          end_time: '13:00',
          slot_minutes: 30,
          valid_from: null,
          valid_to: null,
        },
      );
    });

    it('adds working hours for an admin, up to midnight and for a period', async () => {
      const body = entry(2, '20:00', '24:00', { slot_minutes: 20, valid_from: '2030-01-01', valid_to: '2030-06-30' });
      const answer = await add(admin, body);
      assert.equal(answer.status, 201);
      assert.equal(answer.body.end_time, '24:00');
      assert.equal(answer.body.valid_to, '2030-06-30');
      const schedule = await http(api(`/doctors/${own.doctor.id}/schedule`));
      assert.equal(schedule.status, 200);
      assert.equal(schedule.body.time_zone, 'Europe/Bucharest');
      assert.ok(schedule.body.entries.some((e: { id: string }) => e.id === answer.body.id));
    });

    it('answers 404 to another doctor (someone else’s calendar), 403 to a patient, 401 without a token', async () => {
      for (const [token, status, code] of [
        [other.user.token, 404, 'NOT_FOUND'],
        [patient.token, 403, 'FORBIDDEN'],
      ] as const) {
        const answer = await add(token, entry(3, '09:00', '10:00'));
        assert.equal(answer.status, status);
        assert.equal(answer.body.error.code, code);
      }
      assert.equal((await add(undefined, entry(3, '09:00', '10:00'))).status, 401);
      const schedule = await http(api(`/doctors/${own.doctor.id}/schedule`));
      assert.ok(!schedule.body.entries.some((e: { weekday: number }) => e.weekday === 3));
    });

    it('answers 404 for an unknown doctor and 400 for a malformed id', async () => {
      assert.equal((await add(admin, entry(3, '09:00', '10:00'), UNKNOWN_ID)).status, 404);
      assert.equal((await add(admin, entry(3, '09:00', '10:00'), 'dr-house')).status, 400);
    });

    it('answers 409 for hours overlapping the same weekday’s, and accepts hours that only touch them', async () => {
      const overlapping = await add(own.user.token, entry(1, '12:30', '14:00'));
      assert.equal(overlapping.status, 409);
      assert.equal(overlapping.body.error.code, 'SCHEDULE_OVERLAP');
      assert.match(overlapping.body.error.message, /Monday 09:00–13:00/);
      assert.equal(overlapping.body.error.details.overlapping.start_time, '09:00');
      assert.equal((await add(own.user.token, entry(1, '13:00', '15:00'))).status, 201);
      assert.equal((await add(own.user.token, entry(4, '12:30', '14:00'))).status, 201, 'another weekday');
      assert.equal(
        (await add(own.user.token, entry(2, '20:00', '22:00', { valid_from: '2030-07-01' }))).status,
        201,
        'the same hours in another period',
      );
    });

    it('keeps one of several overlapping entries sent at the same time', async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => add(admin, entry(5, `0${i}:00`, '10:00'))));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409, 409]);
      const schedule = await http(api(`/doctors/${own.doctor.id}/schedule`));
      assert.equal(schedule.body.entries.filter((e: { weekday: number }) => e.weekday === 5).length, 1);
    });

    for (const [label, body, path] of [
      ['an end before the start', entry(6, '12:00', '09:00'), '/end_time'],
      ['an end equal to the start', entry(6, '09:00', '09:00'), '/end_time'],
      ['a slot length that does not divide the hours', entry(6, '09:00', '10:00', { slot_minutes: 45 }), '/slot_minutes'],
      ['a start at 24:00', entry(6, '24:00', '24:00'), '/start_time'],
      ['a period ending before it starts', entry(6, '09:00', '10:00', { valid_from: '2030-02-01', valid_to: '2030-01-01' }), '/valid_to'],
      ['a time that is no time', entry(6, '25:00', '26:00'), '/start_time'],
      ['a time without leading zero', entry(6, '9:00', '10:00'), '/start_time'],
      ['a weekday 0', entry(0, '09:00', '10:00'), '/weekday'],
      ['a weekday as a name', entry('saturday' as never, '09:00', '10:00'), '/weekday'],
      ['slots too short', entry(6, '09:00', '10:00', { slot_minutes: 1 }), '/slot_minutes'],
      ['a date that does not exist', entry(6, '09:00', '10:00', { valid_from: '2030-02-30' }), '/valid_from'],
      ['a field it does not know', entry(6, '09:00', '10:00', { room: 'B' }), '/'],
    ] as const) {
      it(`answers 400 for ${label}`, async () => {
        const answer = await add(own.user.token, body);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
        assert.ok(
          answer.body.error.details.some((d: { path: string }) => d.path === path),
          `${path} in ${JSON.stringify(answer.body.error.details)}`,
        );
      });
    }

    it('answers 400 for malformed JSON', async () => {
      const answer = await http(api(`/doctors/${own.doctor.id}/schedule`), { method: 'POST', token: admin, rawBody: '{"weekday": 1,' });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'MALFORMED_JSON');
    });
  });

  describe('DELETE /doctors/{doctor_id}/schedule/{schedule_id}', () => {
    it('removes working hours for the doctor themselves; 404 to another doctor and for an entry not theirs', async () => {
      const created = (await add(own.user.token, entry(7, '10:00', '11:00'))).body;
      const path = api(`/doctors/${own.doctor.id}/schedule/${created.id}`);
      assert.equal((await http(path, { method: 'DELETE', token: other.user.token })).status, 404);
      assert.equal((await http(path, { method: 'DELETE', token: patient.token })).status, 403);
      assert.equal((await http(path, { method: 'DELETE' })).status, 401);
      const elsewhere = api(`/doctors/${other.doctor.id}/schedule/${created.id}`);
      assert.equal((await http(elsewhere, { method: 'DELETE', token: admin })).status, 404);
      assert.equal((await http(path, { method: 'DELETE', token: own.user.token })).status, 204);
      assert.equal((await http(path, { method: 'DELETE', token: admin })).status, 404);
      assert.equal((await http(api(`/doctors/${own.doctor.id}/schedule/not-an-id`), { method: 'DELETE', token: admin })).status, 400);
    });
  });

  describe('GET /doctors/{id}/schedule', () => {
    it('shows anyone the week ordered by day and hour; 404 for an unknown doctor', async () => {
      const schedule = await http(api(`/doctors/${own.doctor.id}/schedule`));
      assert.equal(schedule.status, 200);
      const keys = schedule.body.entries.map((e: { weekday: number; start_time: string }) => `${e.weekday} ${e.start_time}`);
      assert.deepEqual(keys, [...keys].sort());
      assert.equal((await http(api(`/doctors/${UNKNOWN_ID}/schedule`))).status, 404);
    });
  });
});

describe('a doctor’s time off', () => {
  let admin: string;
  let patient: TestUser;
  let own: CreatedDoctor;
  let other: CreatedDoctor;
  before(async () => {
    admin = await adminToken();
    [patient, own, other] = await Promise.all([
      registerPatient('time-off'),
      createDoctor({ schedule: [] }),
      createDoctor({ schedule: [] }),
    ]);
  });

  const timeOffOf = (doctorId: string) => api(`/doctors/${doctorId}/time-off`);
  const vacation = { start_date: '2030-08-01', end_date: '2030-08-15', reason: 'vacation' };

  it('is added by the doctor themselves or an admin, and listed to them only, page by page', async () => {
    const mine = await http(timeOffOf(own.doctor.id), { method: 'POST', token: own.user.token, body: vacation });
    assert.equal(mine.status, 201);
    assert.deepEqual({ ...mine.body, id: undefined }, { id: undefined, doctor_id: own.doctor.id, ...vacation });
    const holiday = { start_date: '2030-12-25', end_date: '2030-12-25', reason: 'public holiday' };
    assert.equal((await http(timeOffOf(own.doctor.id), { method: 'POST', token: admin, body: holiday })).status, 201);

    for (const token of [own.user.token, admin]) {
      const list = await http(`${timeOffOf(own.doctor.id)}?limit=1`, { token });
      assert.equal(list.status, 200);
      assert.equal(list.body.total, 2);
      assert.deepEqual(
        list.body.items.map((t: { reason: string }) => t.reason),
        ['vacation'],
      );
    }
    const second = await http(`${timeOffOf(own.doctor.id)}?limit=1&offset=1`, { token: own.user.token });
    assert.deepEqual(
      second.body.items.map((t: { reason: string }) => t.reason),
      ['public holiday'],
    );
  });

  it('is private: 404 to another doctor, 403 to a patient, 401 without a token', async () => {
    for (const [token, status] of [
      [other.user.token, 404],
      [patient.token, 403],
    ] as const) {
      assert.equal((await http(timeOffOf(own.doctor.id), { token })).status, status);
      assert.equal((await http(timeOffOf(own.doctor.id), { method: 'POST', token, body: vacation })).status, status);
    }
    assert.equal((await http(timeOffOf(own.doctor.id))).status, 401);
    assert.equal((await http(timeOffOf(own.doctor.id), { method: 'POST', body: vacation })).status, 401);
  });

  it('answers 404 for an unknown doctor', async () => {
    assert.equal((await http(timeOffOf(UNKNOWN_ID), { method: 'POST', token: admin, body: vacation })).status, 404);
    assert.equal((await http(timeOffOf(UNKNOWN_ID), { token: admin })).status, 404);
  });

  for (const [label, body, path] of [
    ['an end before the start', { ...vacation, end_date: '2030-07-31' }, '/end_date'],
    ['a date that does not exist', { ...vacation, start_date: '2030-02-29' }, '/start_date'],
    ['a date as a timestamp', { ...vacation, start_date: '2030-08-01T00:00:00Z' }, '/start_date'],
    ['a missing reason', { start_date: '2030-08-01', end_date: '2030-08-02' }, '/'],
    ['a blank reason', { ...vacation, reason: '  ' }, '/reason'],
  ] as const) {
    it(`answers 400 for ${label}`, async () => {
      const answer = await http(timeOffOf(own.doctor.id), { method: 'POST', token: own.user.token, body });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
      assert.ok(
        answer.body.error.details.some((d: { path: string }) => d.path === path),
        JSON.stringify(answer.body.error.details),
      );
    });
  }

  it('is removed by the doctor themselves; 404 to another doctor and for time off not theirs', async () => {
    const created = (await http(timeOffOf(own.doctor.id), { method: 'POST', token: admin, body: vacation })).body;
    const path = api(`/doctors/${own.doctor.id}/time-off/${created.id}`);
    assert.equal((await http(path, { method: 'DELETE', token: other.user.token })).status, 404);
    assert.equal((await http(api(`/doctors/${other.doctor.id}/time-off/${created.id}`), { method: 'DELETE', token: admin })).status, 404);
    assert.equal((await http(path, { method: 'DELETE', token: own.user.token })).status, 204);
    assert.equal((await http(path, { method: 'DELETE', token: own.user.token })).status, 404);
  });
});

describe('GET /doctors/{id}/available-slots', () => {
  // A week ahead: a date in the future whatever the hour, its weekday the only working day.
  const date = clinicDate(7);
  const weekday = isoWeekday(date);
  const slotsOf = (doctorId: string, day: string) => http(api(`/doctors/${doctorId}/available-slots?date=${day}`));
  const starts = (answer: { body: { slots: { start: string }[] } }) => answer.body.slots.map((slot) => slot.start.slice(11, 16));

  it('offers anyone the slots of the working hours, in the clinic’s time zone with its offset', async () => {
    const { doctor } = await createDoctor({ schedule: [entry(weekday, '09:00', '11:00')] });
    const answer = await slotsOf(doctor.id, date);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.doctor_id, doctor.id);
    assert.equal(answer.body.date, date);
    assert.equal(answer.body.time_zone, 'Europe/Bucharest');
    assert.equal(answer.body.reason, undefined);
    assert.equal(answer.body.slots.length, 4);
    assert.match(answer.body.slots[0].start, new RegExp(`^${date}T09:00:00\\+0[23]:00$`));
    assert.match(answer.body.slots[3].end, new RegExp(`^${date}T11:00:00\\+0[23]:00$`));
    assert.deepEqual(starts(answer), ['09:00', '09:30', '10:00', '10:30']);
  });

  it('offers nothing during time off, saying so, and the slots again once it is removed', async () => {
    const { doctor, user, timeOff } = await createDoctor({
      schedule: [entry(weekday, '09:00', '11:00')],
      timeOff: [{ start_date: clinicDate(6), end_date: date, reason: 'sick leave' }],
    });
    const off = await slotsOf(doctor.id, date);
    assert.deepEqual(off.body.slots, []);
    assert.equal(off.body.reason, 'TIME_OFF');
    await http(api(`/doctors/${doctor.id}/time-off/${timeOff[0]!.id}`), { method: 'DELETE', token: user.token });
    assert.equal((await slotsOf(doctor.id, date)).body.slots.length, 4);
  });

  it('follows a change of the schedule', async () => {
    const { doctor, user, schedule } = await createDoctor({ schedule: [entry(weekday, '09:00', '11:00')] });
    await http(api(`/doctors/${doctor.id}/schedule/${schedule[0]!.id}`), { method: 'DELETE', token: user.token });
    assert.equal((await slotsOf(doctor.id, date)).body.reason, 'NOT_WORKING');
    const added = await http(api(`/doctors/${doctor.id}/schedule`), {
      method: 'POST',
      token: user.token,
      body: entry(weekday, '14:00', '15:00', { slot_minutes: 20 }),
    });
    assert.equal(added.status, 201);
    assert.deepEqual(starts(await slotsOf(doctor.id, date)), ['14:00', '14:20', '14:40']);
  });

  it('offers nothing on a day off, a past date or beyond the booking horizon, saying why', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const partTimer = (await createDoctor({ schedule: [entry(weekday, '09:00', '11:00')] })).doctor;
    const cases = [
      [partTimer.id, clinicDate(8), 'NOT_WORKING'],
      [doctor.id, clinicDate(-1), 'PAST_DATE'],
      [doctor.id, clinicDate(91), 'BEYOND_HORIZON'],
    ] as const;
    for (const [doctorId, day, reason] of cases) {
      const answer = await slotsOf(doctorId, day);
      assert.equal(answer.status, 200);
      assert.deepEqual([answer.body.slots, answer.body.reason], [[], reason], day);
    }
    assert.equal((await slotsOf(doctor.id, clinicDate(90))).body.slots.length, 24, 'the last day of the horizon');
  });

  it('offers no time already past today', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const answer = await slotsOf(doctor.id, clinicDate(0));
    assert.equal(answer.status, 200);
    const now = Date.now();
    assert.ok(answer.body.slots.every((slot: { start: string }) => Date.parse(slot.start) >= now));
    if (answer.body.slots.length === 0) assert.equal(answer.body.reason, 'FULLY_BOOKED');
    const tomorrow = await slotsOf(doctor.id, clinicDate(1));
    assert.equal(tomorrow.body.slots.length, 24);
  });

  it('answers 400 for a date that is not one, 404 for an unknown doctor', async () => {
    const { doctor } = await createDoctor({ schedule: [] });
    for (const query of ['?date=2030-02-30', '?date=tomorrow', '?date=30.01.2030', '']) {
      const answer = await http(api(`/doctors/${doctor.id}/available-slots${query}`));
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await slotsOf(UNKNOWN_ID, date)).status, 404);
  });

  describe('on the days the clocks change', () => {
    // The running service offers 90 days; the next change of the clocks may be further, so a second
    // instance with a horizon beyond it answers here, from the same database.
    let app: App;
    const closers: Array<() => unknown> = [];
    before(async () => {
      const stack = testStack();
      const config = loadConfig(configSchema, {
        PORT: '1',
        DATABASE_URL: stack.postgres.roles.doctor_service!.url,
        KEYCLOAK_URL: stack.keycloak.url,
        JWT_ISSUER: stack.keycloak.issuer,
        KEYCLOAK_CLIENT_SECRET: stack.keycloak.servicesClientSecret,
        USER_SERVICE_URL: stack.services['user-service']!,
        APPOINTMENT_SERVICE_URL: stack.services['appointment-service-1']!,
        AMQP_URL: stack.amqpUrl,
        BOOKING_HORIZON_DAYS: '400',
      });
      app = await build({
        config,
        logger: createLogger('doctor-service-under-test', 'silent'),
        onShutdown: (close) => closers.push(close),
      });
    });
    after(async () => {
      await app.close();
      for (const close of closers.reverse()) await close();
    });

    // The last Sunday of the month, the next time it comes.
    const nextLastSunday = (month: number) => {
      const today = clinicDate(0);
      for (let year = Number(today.slice(0, 4)); ; year++) {
        const last = new Date(Date.UTC(year, month, 0));
        last.setUTCDate(last.getUTCDate() - (last.getUTCDay() % 7));
        const day = last.toISOString().slice(0, 10);
        if (day > today) return day;
      }
    };

    it('offers the slots of the real hours: six in 02:00–06:00 when clocks go forward, ten when they go back', async () => {
      const { doctor } = await createDoctor({ schedule: [entry(7, '02:00', '06:00')] });
      const slotsOn = async (day: string) =>
        (await app.inject({ url: `/doctors/${doctor.id}/available-slots?date=${day}` })).json().slots as { start: string; end: string }[];

      const spring = nextLastSunday(3);
      assert.deepEqual(
        (await slotsOn(spring)).map((slot) => `${slot.start.slice(11)}–${slot.end.slice(11)}`),
        [
          '02:00:00+02:00–02:30:00+02:00',
          '02:30:00+02:00–04:00:00+03:00',
          '04:00:00+03:00–04:30:00+03:00',
          '04:30:00+03:00–05:00:00+03:00',
          '05:00:00+03:00–05:30:00+03:00',
          '05:30:00+03:00–06:00:00+03:00',
        ],
      );
      const autumn = await slotsOn(nextLastSunday(10));
      assert.equal(autumn.length, 10);
      assert.deepEqual(
        autumn.filter((slot) => slot.start.slice(11, 16) === '03:00').map((slot) => slot.start.slice(19)),
        ['+03:00', '+02:00'],
      );
    });
  });
});

describe('GET /internal/doctors/{id}/booking-profile', () => {
  it('answers the booking worker (SERVICE) all it needs to check a booking', async () => {
    const { doctor } = await createDoctor({
      schedule: [entry(1, '08:00', '12:00', { slot_minutes: 20 })],
      timeOff: [
        { start_date: '2020-01-01', end_date: '2020-01-05', reason: 'long past' },
        { start_date: '2030-05-01', end_date: '2030-05-03', reason: 'conference' },
      ],
    });
    const answer = await http(api(`/internal/doctors/${doctor.id}/booking-profile`), { token: await serviceToken() });
    assert.equal(answer.status, 200);
    assert.ok(Value.Check(DoctorBookingProfile, answer.body), JSON.stringify([...Value.Errors(DoctorBookingProfile, answer.body)]));
    assert.deepEqual(answer.body.doctor, {
      id: doctor.id,
      user_id: doctor.user_id,
      full_name: doctor.full_name,
      email: doctor.email,
      specialization: doctor.specialization,
      cabinet: doctor.cabinet,
    });
    assert.deepEqual(
      answer.body.schedule.map(({ id: _id, ...rest }: { id: string }) => rest),
      [{ weekday: 1, startTime: '08:00', endTime: '12:00', slotMinutes: 20, validFrom: null, validTo: null }],
    );
    assert.deepEqual(
      answer.body.time_off.map(({ id: _id, ...rest }: { id: string }) => rest),
      [{ startDate: '2030-05-01', endDate: '2030-05-03', reason: 'conference' }],
    );
    assert.equal(answer.body.time_zone, 'Europe/Bucharest');
    assert.equal(answer.body.horizon_days, 90);
  });

  it('answers 403 to any user, even an admin; 401 without a token; 404 for an unknown doctor', async () => {
    const { doctor, user } = await createDoctor({ schedule: [] });
    for (const token of [await adminToken(), user.token]) {
      assert.equal((await http(api(`/internal/doctors/${doctor.id}/booking-profile`), { token })).status, 403);
    }
    assert.equal((await http(api(`/internal/doctors/${doctor.id}/booking-profile`))).status, 401);
    assert.equal((await http(api(`/internal/doctors/${UNKNOWN_ID}/booking-profile`), { token: await serviceToken() })).status, 404);
  });
});
