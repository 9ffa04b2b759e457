import type { BookingOutcome, BookingRejectionCode } from '@clinic/contracts';

/** An outcome that books nothing, and why. */
export const rejected = (code: BookingRejectionCode, message: string): BookingOutcome => ({ result: 'REJECTED', code, message });
export const slotTaken = () => rejected('SLOT_TAKEN', 'This time is already booked with the doctor');
export const patientBusy = () => rejected('PATIENT_BUSY', 'The patient already has an appointment at this time');
