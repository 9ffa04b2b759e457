/** The clinic's settings every schedule is read with. */
export interface ClinicCalendar {
  timeZone: string;
  horizonDays: number;
}
