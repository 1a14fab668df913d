// /public/objects: search of published stolen and lost cultural objects (no login). The query and
// filters live in the URL, so a search can be shared; cards stack on a phone screen.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Card, Col, DatePicker, Empty, Input, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PUBLIC_STATUSES, type PublicSearch, publicPhotoUrl, searchPublicObjects } from '../../api/relics';
import { PageTitle } from '../../components/PageTitle';
import { PROVINCES, useVocab } from '../relics/vocab';
import { PhotoSearchButton } from './PhotoSearch';

const FILTERS = ['type', 'material', 'period', 'province', 'status', 'from', 'to'] as const;

export default function PublicObjectsPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<PublicSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? '1') || 1;

  useEffect(() => {
    const controller = new AbortController();
    const query: Record<string, string> = {};
    for (const key of ['q', ...FILTERS]) {
      const value = params.get(key);
      if (value) query[key] = value;
    }
    searchPublicObjects({ ...query, page }, controller.signal)
      .then((r) => {
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [params, page]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, value] of Object.entries(changes)) {
      if (value) next.set(k, value);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('relics.public.title')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t('relics.public.intro')} <Link to="/public/certificates">{t('relics.certificate.title')}</Link>
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input.Search
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('relics.public.searchPlaceholder')}
          aria-label={t('relics.public.searchPlaceholder')}
          enterButton={<SearchOutlined />}
          data-testid="public-search"
          allowClear
        />
        <PhotoSearchButton />
      </Space.Compact>
      <Row gutter={[8, 8]} style={{ marginTop: 12 }}>
        <Col xs={12} md={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('relics.fields.objectType')}
            value={params.get('type') ?? undefined}
            options={v.typeGroupOptions}
            onChange={(value?: string) => update({ type: value })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('relics.fields.materials')}
            value={params.get('material') ?? undefined}
            options={v.materialOptions}
            onChange={(value?: string) => update({ material: value })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('relics.fields.period')}
            value={params.get('period') ?? undefined}
            options={v.periodOptions}
            onChange={(value?: string) => update({ period: value })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('relics.public.province')}
            value={params.get('province') ?? undefined}
            options={PROVINCES.map((p) => ({ value: p.code, label: v.en ? p.en : p.zh }))}
            onChange={(value?: string) => update({ province: value })}
          />
        </Col>
        <Col xs={24} md={12}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={[t('relics.public.stolenFrom'), t('relics.public.stolenTo')]}
            value={params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : null}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        </Col>
        <Col xs={24} md={12}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('relics.public.status')}
            value={params.get('status') ?? undefined}
            options={PUBLIC_STATUSES.map((s) => ({ value: s, label: t(`relics.status.${s}`) }))}
            onChange={(value?: string) => update({ status: value })}
          />
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && (
        <>
          <Typography.Paragraph style={{ marginTop: 12 }} data-testid="public-total">
            {t('relics.public.total', { count: result.total })}
            {result.capped ? '+' : ''}
            {result.fuzzy ? ` · ${t('relics.public.fuzzy')}` : ''}
          </Typography.Paragraph>
          {result.items.length === 0 ? (
            <Empty description={t('relics.public.none')} />
          ) : (
            <Row gutter={[12, 12]}>
              {result.items.map((item) => (
                <Col xs={24} sm={12} lg={8} key={item.publicationNo}>
                  <Link to={`/public/objects/${item.publicationNo}`} data-testid="public-result">
                    <Card
                      hoverable
                      size="small"
                      cover={
                        item.thumbnail ? (
                          <img
                            alt={v.pick(item.titleZh, item.titleEn)}
                            src={publicPhotoUrl(item.thumbnail, 'thumb')}
                            style={{ height: 180, objectFit: 'contain', background: '#f5f5f5' }}
                          />
                        ) : undefined
                      }
                    >
                      <Card.Meta
                        title={v.pick(item.titleZh, item.titleEn)}
                        description={
                          <Space wrap size={4}>
                            <Typography.Text code>{item.publicationNo}</Typography.Text>
                            {item.recovered && (
                              <Tag color="green" data-testid="recovered-badge">
                                {t(`relics.status.${item.status}`)}
                              </Tag>
                            )}
                            {item.isTestData && <Tag>{t('relics.public.testData')}</Tag>}
                            <span>{v.typeName(item.objectType)}</span>
                            <span>{v.periodName(item.periodCode)}</span>
                          </Space>
                        }
                      />
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          )}
          {result.total > result.pageSize && (
            <Pagination
              style={{ marginTop: 16 }}
              current={page}
              pageSize={result.pageSize}
              total={Math.min(result.total, 500 * result.pageSize)}
              showSizeChanger={false}
              onChange={(p) => update({ page: String(p) })}
            />
          )}
        </>
      )}
    </>
  );
}
