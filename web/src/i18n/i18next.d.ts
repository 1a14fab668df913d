// Typed translation keys: t('some.key') fails to compile when the key is not in zh-CN.json
// or in one of the module catalogues below. (scripts/check-i18n.mjs keeps en in step.)
import 'i18next';
import type admin from './modules/admin.zh-CN.json';
import type campaigns from './modules/campaigns.zh-CN.json';
import type matching from './modules/matching.zh-CN.json';
import type notifications from './modules/notifications.zh-CN.json';
import type relics from './modules/relics.zh-CN.json';
import type reports from './modules/reports.zh-CN.json';
import type stats from './modules/stats.zh-CN.json';
import type zhCN from './zh-CN.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof zhCN &
        typeof stats &
        typeof reports &
        typeof relics &
        typeof matching &
        typeof notifications &
        typeof campaigns &
        typeof admin;
    };
  }
}
