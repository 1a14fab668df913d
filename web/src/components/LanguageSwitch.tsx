// Language switch: two buttons, one per language, in a group.
//   data-testid="lang-switch"  the group
//   data-testid="lang-zh"      switches to Chinese (zh-CN)
//   data-testid="lang-en"      switches to English
// The active one is type="primary" and aria-pressed="true". e2e tests click lang-en / lang-zh
// directly (no dropdown, no portal). The choice is stored in localStorage `lianfang.lang`.
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n';

const TEST_IDS: Record<Language, string> = { 'zh-CN': 'lang-zh', en: 'lang-en' };
const LABEL_KEYS = { 'zh-CN': 'lang.zh', en: 'lang.en' } as const;
const HTML_LANG: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en' };

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <Space.Compact data-testid="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lang) => (
        <Button
          key={lang}
          size={size}
          lang={HTML_LANG[lang]}
          type={lang === active ? 'primary' : 'default'}
          aria-pressed={lang === active}
          data-testid={TEST_IDS[lang]}
          onClick={() => void setLanguage(lang)}
        >
          {t(LABEL_KEYS[lang])}
        </Button>
      ))}
    </Space.Compact>
  );
}
