export { appointmentCalendar, type CalendarMethod } from './calendar.ts';
