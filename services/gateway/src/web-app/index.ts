// The built web app (or the placeholder page), with its Content-Security-Policy.
export { CONTENT_SECURITY_POLICY, serveWebApp } from './web-app.ts';
