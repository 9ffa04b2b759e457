import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en.ts';
import { ro } from '../locales/ro.ts';
import type { Language } from './types.ts';

export const LANGUAGES: Language[] = ['ro', 'en'];
const STORAGE_KEY = 'clinic.language';

export function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'ro' ? stored : 'ro';
  } catch {
    return 'ro';
  }
}

/** Switches the app's language and remembers it in this browser. */
export async function chooseLanguage(language: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { ro: { translation: ro }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ro',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export { i18n };
