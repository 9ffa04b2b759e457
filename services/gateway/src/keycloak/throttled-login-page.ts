/**
 * What a browser sees when its login form is refused for too many failed attempts: a page in the
 * language of Keycloak's pages (its KEYCLOAK_LOCALE cookie, else the browser's first language, else
 * Romanian, the clinic's default), not the JSON the command line gets.
 */
export type PageLanguage = 'ro' | 'en';

const TEXT: Record<PageLanguage, { title: string; body: (minutes: number) => string; back: string }> = {
  ro: {
    title: 'Prea multe încercări de autentificare',
    body: (minutes) =>
      `Au fost prea multe parole greșite de la această adresă. Din motive de siguranță, încearcă din nou peste ${minutes} ${minutes === 1 ? 'minut' : 'minute'}. Dacă ți-ai uitat parola, folosește „Ai uitat parola?” pe pagina de autentificare.`,
    back: 'Înapoi la clinică',
  },
  en: {
    title: 'Too many login attempts',
    body: (minutes) =>
      `There were too many wrong passwords from this address. For your account's safety, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. If you forgot your password, use “Forgot password?” on the login page.`,
    back: 'Back to the clinic',
  },
};

/** The language of the page: Keycloak's locale cookie first, then Accept-Language. */
export function pageLanguage(cookieHeader: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  const cookie = /(?:^|;\s*)KEYCLOAK_LOCALE=([a-z]{2})/i.exec(cookieHeader ?? '')?.[1]?.toLowerCase();
  if (cookie === 'ro' || cookie === 'en') return cookie;
  const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'ro';
}

/** The page itself; nothing of the request is echoed into it. */
export function throttledLoginPage(language: PageLanguage, retryAfterSeconds: number): string {
  const text = TEXT[language];
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text.title}</title></head>`,
    `<body><main><h1>${text.title}</h1><p>${text.body(minutes)}</p><p><a href="/">${text.back}</a></p></main></body>`,
    '</html>',
  ].join('');
}
