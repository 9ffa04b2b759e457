import type { PoolClient } from '@clinic/service-kit';
import type { BookingCommand } from '@clinic/contracts';
import type { Decision } from '../booking/index.ts';
import { decideDoctorCommand } from '../doctor-calendar/index.ts';
import { book } from './book.ts';
import type { DecisionContext } from './decisions.ts';
import { doctorOf, type Found } from './lookups.ts';
import { offerTime } from './offer-time.ts';
import { patientLeft } from './patient-left.ts';
import { reschedule } from './reschedule.ts';

/** Each kind of command to the function that decides it. */
export function decide(tx: PoolClient, command: BookingCommand, found: Found, ctx: DecisionContext): Promise<Decision> {
  // Anything but a booking can free, move or hold a doctor's times: from here on the database alone knows them.
  if (command.kind !== 'BOOK') {
    const doctorId = doctorOf(command, found.current);
    if (doctorId) {
      found.booked.forget(doctorId);
      found.holds.forget(doctorId);
    }
  }
  switch (command.kind) {
    case 'BOOK':
      return book(tx, command, found, ctx);
    case 'RESCHEDULE':
      return reschedule(tx, command, found, ctx);
    case 'OFFER_TIME':
      return offerTime(tx, command, found, ctx);
    case 'RETIRE_DOCTOR':
    case 'RECONCILE_DOCTOR':
      return decideDoctorCommand(tx, command, found.profiles.get(command.doctor_id));
    case 'PATIENT_LEFT':
      return patientLeft(tx, command, found);
  }
}
