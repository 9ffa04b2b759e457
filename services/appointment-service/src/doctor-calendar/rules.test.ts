import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DoctorBookingProfile } from '@clinic/contracts';
import { affectedAppointment, appointmentsNotFitting } from './rules.ts';

const monday = { id: 'mon', weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 30, validFrom: null, validTo: null };
const tuesday = { ...monday, id: 'tue', weekday: 2 };
const profile = (
  changes: Partial<Pick<DoctorBookingProfile, 'schedule' | 'time_off'>> = {},
): Pick<DoctorBookingProfile, 'schedule' | 'time_off' | 'time_zone'> => ({
  schedule: [monday, tuesday],
  time_off: [],
  time_zone: 'Europe/Bucharest',
  ...changes,
});

// Monday 4 and Tuesday 5 May 2026 (Bucharest is at +03:00).
const onMonday = { id: 'a1', start_time: '2026-05-04T06:00:00.000Z', end_time: '2026-05-04T06:30:00.000Z', patient_name: 'Ana' };
const onTuesday = { id: 'a2', start_time: '2026-05-05T08:30:00.000Z', end_time: '2026-05-05T09:00:00.000Z', patient_name: 'Ion' };
const offGrid = { id: 'a3', start_time: '2026-05-04T06:10:00.000Z', end_time: '2026-05-04T06:40:00.000Z', patient_name: 'Eva' };

describe('appointmentsNotFitting', () => {
  it('lists none while the calendar still holds every appointment', () => {
    assert.deepEqual(appointmentsNotFitting([onMonday, onTuesday], profile()), []);
  });

  it('lists the appointments of a weekday whose working hours were removed', () => {
    assert.deepEqual(appointmentsNotFitting([onMonday, onTuesday], profile({ schedule: [tuesday] })), [onMonday]);
  });

  it('lists the appointments on days that became time off, and only those', () => {
    const timeOff = [{ id: 'off', startDate: '2026-05-05', endDate: '2026-05-08', reason: 'Conference' }];
    assert.deepEqual(appointmentsNotFitting([onMonday, onTuesday], profile({ time_off: timeOff })), [onTuesday]);
  });

  it('keeps an appointment the hours left still cover, even off the slot grid', () => {
    const shorter = { ...monday, startTime: '09:00', endTime: '10:00', slotMinutes: 60 };
    assert.deepEqual(appointmentsNotFitting([onMonday, offGrid], profile({ schedule: [shorter] })), []);
  });

  it('lists an appointment the hours left cover only in part', () => {
    const shorter = { ...monday, endTime: '09:20', slotMinutes: 20 };
    assert.deepEqual(appointmentsNotFitting([onMonday, offGrid], profile({ schedule: [shorter] })), [onMonday, offGrid]);
  });
});

describe('affectedAppointment', () => {
  it('tells when and whose, nothing else of the appointment', () => {
    assert.deepEqual(affectedAppointment({ ...onMonday, status: 'PENDING', patient_email: 'ana@example.com' } as never), onMonday);
  });
});
