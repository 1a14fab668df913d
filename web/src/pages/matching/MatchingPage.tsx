// /matching: search the registry by photo (objects in your scope, any status): candidates with score, verdict and the
// matched region drawn on the query photo and on the registry photo, each linked to its object page.
import { Alert, Card, Col, Empty, InputNumber, List, Row, Space, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type StaffCandidate, searchByPhoto } from '../../api/matching';
import { useCan } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { MatchOverlay, PhotoPicker, VerdictTag } from './PhotoMatch';
import { ReviewQueue } from './ReviewQueue';
import { ScreeningUpload } from './ScreeningUpload';
import { usePhotoSearch } from './usePhotoSearch';

export default function MatchingPage() {
  const can = useCan();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [top, setTop] = useState(10);
  const { setFile, preview, busy, items, error } = usePhotoSearch<StaffCandidate>(
    (file, signal) => searchByPhoto(file, top, signal).then((r) => r.items),
    [top],
  );

  const title = (c: StaffCandidate) => (en ? c.titleEn || c.titleZh : c.titleZh || c.titleEn);

  const search = (
    <>
      <Typography.Paragraph type="secondary">{t('matching.page.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <PhotoPicker onPick={setFile} disabled={busy} />
            <Space>
              <Typography.Text>{t('matching.page.top')}</Typography.Text>
              <InputNumber min={1} max={50} value={top} onChange={(value) => setTop(value ?? 10)} data-testid="match-top" />
            </Space>
            {preview && <Typography.Text type="secondary">{t('matching.results.query')}</Typography.Text>}
            {preview && items?.[0] && (
              <MatchOverlay
                src={preview}
                alt={t('matching.results.query')}
                polygon={items[0].regions.box}
                points={items[0].regions.query}
                height={320}
              />
            )}
            {preview && !items?.[0] && <img src={preview} alt={t('matching.results.query')} style={{ maxWidth: '100%', maxHeight: 320 }} />}
          </Space>
        </Col>
        <Col xs={24} md={16}>
          {error && <Alert type="error" showIcon title={error} data-testid="match-error" />}
          {busy && (
            <Spin tip={t('matching.upload.searching')}>
              <div style={{ minHeight: 120 }} />
            </Spin>
          )}
          {items && items.length === 0 && <Empty description={t('matching.results.none')} />}
          {items && items.length > 0 && (
            <List
              data-testid="match-results"
              header={t('matching.results.count', { count: items.length })}
              dataSource={items}
              renderItem={(c, rank) => (
                <List.Item key={`${c.objectId}-${c.photo.sha256}`}>
                  <Card size="small" style={{ width: '100%' }}>
                    <Row gutter={12} align="middle">
                      <Col flex="none">
                        <MatchOverlay src={c.photo.url} alt={title(c)} points={c.regions.candidate} height={160} />
                      </Col>
                      <Col flex="auto">
                        <Space direction="vertical" size={2}>
                          <Space wrap>
                            <Typography.Text strong>#{rank + 1}</Typography.Text>
                            <Link to={`/relics/${c.objectId}`} data-testid="match-object-link">
                              {title(c)}
                            </Link>
                            <VerdictTag verdict={c.verdict} />
                          </Space>
                          <Typography.Text type="secondary">
                            {c.objectRef}
                            {c.publicationNo ? ` · ${c.publicationNo}` : ` · ${t('matching.results.unpublished')}`} ·{' '}
                            {t(`relics.status.${c.status}`, { defaultValue: c.status })}
                          </Typography.Text>
                          <Typography.Text>{t('matching.results.score', { score: c.score.toFixed(3), inliers: c.inliers })}</Typography.Text>
                        </Space>
                      </Col>
                    </Row>
                  </Card>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </>
  );

  return (
    <>
      <PageTitle>{t('matching.page.title')}</PageTitle>
      <Tabs
        destroyInactiveTabPane
        items={[
          { key: 'search', label: t('matching.page.searchTab'), children: search },
          // Screening and its review raise leads: only for those the server lets work tips (relics.tips).
          ...(can('relics.tips')
            ? [
                {
                  key: 'screening',
                  label: <span data-testid="screening-tab">{t('matching.page.screeningTab')}</span>,
                  children: <ScreeningUpload />,
                },
                { key: 'review', label: <span data-testid="review-tab">{t('matching.review.tab')}</span>, children: <ReviewQueue /> },
              ]
            : []),
        ]}
      />
    </>
  );
}
