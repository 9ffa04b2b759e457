import { DEFAULT_TIME_ZONE } from './dates.ts';

/**
 * The clinic's time zone: doctor-service states it with every availability answer; until one has come,
 * the build's configuration (VITE_CLINIC_TIME_ZONE), Europe/Bucharest unless set.
 */
export const CLINIC_TIME_ZONE: string = import.meta.env.VITE_CLINIC_TIME_ZONE || DEFAULT_TIME_ZONE;
