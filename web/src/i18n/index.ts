// i18next set-up. Chinese (zh-CN) is the default; the choice is remembered in
// localStorage under `lianfang.lang` and mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// Each language's catalogue is its own chunk (~10 KB compressed): a page loads only the language it
// shows, and the other when the user switches. Modules keep their messages in
// modules/<module>.<lang>.json (one top-level key per module); catalogue.<lang>.ts merges them.
const CATALOGUES = {
  'zh-CN': () => import('./catalogue.zh-CN'),
  en: () => import('./catalogue.en'),
} as const;

async function loadCatalogue(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const { default: catalogue } = await CATALOGUES[lang]();
  i18n.addResourceBundle(lang, 'translation', catalogue, true, true);
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

export async function setLanguage(lang: Language): Promise<unknown> {
  await loadCatalogue(lang);
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

const initialLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: {},
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

/** Resolves when the language shown first has its messages: render nothing before it. */
export const i18nReady: Promise<void> = loadCatalogue(initialLanguage).then(() => undefined);

document.documentElement.lang = currentLanguage();

export default i18n;
