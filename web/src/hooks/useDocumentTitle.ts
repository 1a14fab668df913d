import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title to "<title> · 联防 Lianfang". */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  const product = t('app.fullName');
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}
