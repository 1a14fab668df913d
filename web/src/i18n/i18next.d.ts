// Typed translation keys: t('some.key') fails to compile when the key is not in zh-CN.json.
// (scripts/check-i18n.mjs keeps en.json in step.)
import 'i18next';
import type zhCN from './zh-CN.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
