// Loaded in the hidden frame of a silent sign-in: hands Keycloak's answer to the app's UserManager.
import { UserManager } from 'oidc-client-ts';
import { oidcSettings } from './lib/oidc-settings.ts';

void new UserManager(oidcSettings()).signinSilentCallback();
