export type { AppointmentLinks, Audience, ClinicInfo, MessageInput, RenderedMessage } from './message-input.ts';
export { formatTimeRange } from './layout.ts';
export { recipientsOf, renderMessage } from './render.ts';
