/** The build-time settings the app reads (`VITE_*` variables of the web build). */
interface ImportMetaEnv {
  readonly VITE_CLINIC_TIME_ZONE?: string;
}
