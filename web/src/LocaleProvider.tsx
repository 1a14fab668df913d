// antd follows the UI language (date pickers, pagination, empty states…).
import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1d4ed8', borderRadius: 6 },
};

export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  // The pickers' month and weekday names come from dayjs, not from antd's locale: switch both with the language
  // (else the Chinese picker shows "2025年 Jan" and "Su Mo Tu"). Set before rendering so the first paint is right.
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    // autoInsertSpace off: antd would otherwise render two-character Chinese button labels as "登 录".
    <ConfigProvider locale={english ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
