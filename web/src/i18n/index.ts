// i18next set-up. Chinese (zh-CN) is the default; the choice is remembered in
// localStorage under `lianfang.lang` and mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import { mergeCatalogues } from './mergeCatalogues';

// Each module keeps its own messages in modules/<module>.<lang>.json (one top-level key per
// module), so modules grow their catalogues without touching the shared files.
const moduleCatalogues = import.meta.glob<{ default: Record<string, unknown> }>('./modules/*.json', { eager: true });
function catalogue(lang: 'zh-CN' | 'en', base: Record<string, unknown>): Record<string, unknown> {
  const parts = Object.entries(moduleCatalogues)
    .filter(([file]) => file.endsWith(`.${lang}.json`))
    .map(([, mod]) => mod.default);
  return mergeCatalogues(base, ...parts);
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANG_STORAGE_KEY = 'lianfang.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage blocked (privacy mode): fall back silently
  }
}

/** The language in use now, always one of LANGUAGES. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

export function setLanguage(lang: Language): Promise<unknown> {
  return i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  if (!isLanguage(lng)) return;
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lng);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
});

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: catalogue('zh-CN', zhCN) },
    en: { translation: catalogue('en', en) },
  },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = currentLanguage();

export default i18n;
