/** The clinic's settings every schedule is read with. */
export interface ClinicCalendar {
  timeZone: string;
  horizonDays: number;
  /** The clinic's defaults, in force for a doctor without their own. */
  minNoticeMinutes: number;
  bufferMinutes: number;
}

/** A doctor's notice and buffer in force: their own, else the clinic's. */
export function limitsInForce(clinic: ClinicCalendar, own: { minNoticeMinutes: number | null; bufferMinutes: number | null }) {
  return { minNoticeMinutes: own.minNoticeMinutes ?? clinic.minNoticeMinutes, bufferMinutes: own.bufferMinutes ?? clinic.bufferMinutes };
}
