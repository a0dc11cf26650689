import type { Language } from '@orgdesk/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const supportedLanguages = ['zh-CN', 'en'] as const satisfies readonly Language[];
const storageKey = 'orgdesk.language';

function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language);
}

/** The language the user picked with the header switch, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

function syncDocument(language: Language) {
  document.documentElement.lang = language;
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

/** Switches the UI language; only an explicit choice is remembered across visits. */
export async function changeLanguage(language: Language, persist: boolean) {
  if (persist) {
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // Storage can be unavailable (private mode); the switch still works for this visit.
    }
  }
  await i18next.changeLanguage(language);
  syncDocument(language);
}

const initial = storedLanguage() ?? 'zh-CN';
void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...supportedLanguages],
  interpolation: { escapeValue: false },
  initAsync: false,
});
syncDocument(initial);

export default i18next;
