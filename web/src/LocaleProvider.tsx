// antd follows the UI language (date pickers, pagination, empty states…).
import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const THEME = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1d4ed8', borderRadius: 6 },
};

export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    // autoInsertSpace off: antd would otherwise render two-character Chinese button labels as "登 录".
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
