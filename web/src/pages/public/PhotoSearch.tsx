// Search by photo on the public portal (no login): a button opening a dialog; upload a photo, see the published
// objects it may show, with the matched region drawn on the registry photo and a link to each object's page.
import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, List, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type PublicCandidate, publicSearchByPhoto } from '../../api/matching';
import { MatchOverlay, PhotoPicker, VerdictTag } from '../matching/PhotoMatch';
import { usePhotoSearch } from '../matching/usePhotoSearch';

export function PhotoSearchButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="large" icon={<CameraOutlined />} onClick={() => setOpen(true)} data-testid="photo-search">
        {t('matching.public.button')}
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} width={760} title={t('matching.public.title')} destroyOnHidden>
        <PhotoSearch />
      </Modal>
    </>
  );
}

export function PhotoSearch() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  // The public sees possible and strong matches only; "none" candidates would only mislead.
  const { setFile, preview, busy, items, error } = usePhotoSearch<PublicCandidate>((file, signal) =>
    publicSearchByPhoto(file, 10, signal).then((r) => r.items.filter((c) => c.verdict !== 'none')),
  );

  const title = (c: PublicCandidate) => (en ? c.titleEn || c.titleZh : c.titleZh || c.titleEn);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('matching.public.intro')}</Typography.Paragraph>
      <PhotoPicker onPick={setFile} disabled={busy} />
      {preview && <img src={preview} alt={t('matching.results.query')} style={{ maxWidth: '100%', maxHeight: 200 }} />}
      {error && <Alert type="error" showIcon title={error} data-testid="photo-search-error" />}
      {busy && (
        <Spin tip={t('matching.upload.searching')}>
          <div style={{ minHeight: 80 }} />
        </Spin>
      )}
      {items && items.length === 0 && <Empty description={t('matching.public.none')} />}
      {items && items.length > 0 && (
        <List
          data-testid="photo-search-results"
          dataSource={items}
          renderItem={(c) => (
            <List.Item key={`${c.publicationNo}-${c.photo.sha256}`}>
              <Space align="start">
                <MatchOverlay src={c.photo.url} alt={title(c)} points={c.regions.candidate} height={140} />
                <Space direction="vertical" size={2}>
                  <Link to={`/public/objects/${encodeURIComponent(c.publicationNo)}`}>{title(c)}</Link>
                  <Typography.Text type="secondary">{c.publicationNo}</Typography.Text>
                  <Space>
                    <VerdictTag verdict={c.verdict} />
                    <Typography.Text type="secondary">{t('matching.public.score', { score: c.score.toFixed(2) })}</Typography.Text>
                  </Space>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Typography.Text type="secondary">{t('matching.public.disclaimer')}</Typography.Text>
    </Space>
  );
}
