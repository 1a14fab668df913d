// /public/reports: reports published by the agencies (texts and aggregate figures, never records).
import { Card, Empty, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPublishedReports, type PublishedReport } from '../../api/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';

export default function PublicReportsPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<PublishedReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    listPublishedReports().then((r) => setItems(r.items), setError);
  }, []);
  const zh = i18n.language.startsWith('zh');
  return (
    <>
      <PageTitle>{t('reports.public.title')}</PageTitle>
      {error ? <ErrorAlert error={error} /> : null}
      {!items && !error ? <Spin /> : null}
      {items && items.length === 0 ? <Empty description={t('reports.public.empty')} /> : null}
      <div className="lf-stack">
        {items?.map((r) => {
          const [title = '', , , ...body] = (zh ? r.textZh : r.textEn).split('\n');
          return (
            <Card key={r.id} title={zh ? r.titleZh : r.titleEn} data-testid="public-report">
              <Typography.Paragraph type="secondary">
                {t('reports.public.period', { from: r.periodFrom, to: r.periodTo })} · {t('reports.public.publishedAt')} {r.publishedAt.slice(0, 10)}
              </Typography.Paragraph>
              {body
                .filter((line) => line.trim() && line !== title)
                .map((line, i) =>
                  /^([一二三四五六七八九十]+、|\d+\. )/.test(line) ? (
                    <Typography.Title level={5} key={i}>
                      {line}
                    </Typography.Title>
                  ) : (
                    <Typography.Paragraph key={i}>{line}</Typography.Paragraph>
                  ),
                )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
