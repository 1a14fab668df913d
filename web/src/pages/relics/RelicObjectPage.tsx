// /relics/:id: one registry object for staff: all fields, photos (upload to a draft), lifecycle
// actions (submit, approve by another user, withdraw, recover with a case…) and its history.
import { Alert, App, Button, Descriptions, Image, Input, Modal, Select, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import {
  EDITABLE_STATUSES,
  getObject,
  type HistoryItem,
  type ObjectAction,
  type ObjectDetail,
  objectHistory,
  PHOTO_VIEWS,
  type PhotoView,
  staffPhotoUrl,
  transitionObject,
  updateObject,
  uploadPhoto,
} from '../../api/relics';
import { PageTitle } from '../../components/PageTitle';
import { CaseSelect } from './CaseSelect';
import { RelicForm, relicFormValues } from './RelicForm';
import { STATUS_COLOURS } from './RelicsPage';
import { useVocab } from './vocab';

const NEEDS_REASON: ObjectAction[] = ['reject', 'withdraw'];
const NEEDS_CASE: ObjectAction[] = ['recover'];

export default function RelicObjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const v = useVocab();
  const [object, setObject] = useState<ObjectDetail | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<ObjectAction | null>(null);
  const [reason, setReason] = useState('');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [view, setView] = useState<PhotoView>('front');
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();

  const load = useCallback(() => {
    getObject(id)
      .then(setObject)
      .catch((e: unknown) => e instanceof ApiError && setError(e));
    objectHistory(id)
      .then((h) => setHistory(h.items))
      .catch(() => undefined);
  }, [id]);
  useEffect(load, [load]);

  const run = async (action: ObjectAction) => {
    setError(null);
    try {
      const linked = caseId ?? (NEEDS_CASE.includes(action) ? object?.caseId : null);
      await transitionObject(id, { action, reason: reason || undefined, caseId: linked || undefined });
      setPending(null);
      setReason('');
      setCaseId(null);
      load();
    } catch (e) {
      setPending(null);
      if (e instanceof ApiError) setError(e);
    }
  };

  if (!object) return error ? <Alert type="error" showIcon title={error.message} /> : null;
  const editable = EDITABLE_STATUSES.includes(object.status);
  if (editing && editable) {
    return (
      <>
        <PageTitle>{t('relics.form.editTitle')}</PageTitle>
        <Typography.Paragraph>
          <Typography.Text code>{object.objectRef}</Typography.Text>
        </Typography.Paragraph>
        <RelicForm
          testId="relic-edit-form"
          initialValues={relicFormValues(object)}
          submitLabel={t('relics.form.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const saved = await updateObject(object.id, body);
            setObject(saved);
            setEditing(false);
            void message.success(t('relics.form.saved'));
            objectHistory(id)
              .then((h) => setHistory(h.items))
              .catch(() => undefined);
          }}
        />
      </>
    );
  }
  return (
    <>
      <PageTitle>{v.pick(object.titleZh, object.titleEn) || object.objectRef}</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text code>{object.objectRef}</Typography.Text>
        <Tag color={STATUS_COLOURS[object.status]} data-testid="relic-status">
          {t(`relics.status.${object.status}`)}
        </Tag>
        {object.publicationNo && (
          <Link to={`/public/objects/${object.publicationNo}`} data-testid="relic-publication-no">
            {object.publicationNo}
          </Link>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        {editable && (
          <Button data-testid="relic-edit" onClick={() => setEditing(true)}>
            {t('relics.form.edit')}
          </Button>
        )}
        {object.allowedActions.map((action) => (
          <Button
            key={action}
            data-testid={`relic-action-${action}`}
            type={action === 'approve' || action === 'submit' ? 'primary' : 'default'}
            onClick={() => (NEEDS_REASON.includes(action) || NEEDS_CASE.includes(action) ? setPending(action) : void run(action))}
          >
            {t(`relics.action.${action}`)}
          </Button>
        ))}
      </Space>
      {object.status === 'under_review' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('relics.form.underReviewHint')} data-testid="relic-review-hint" />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error.message}
          description={error.fields.map((f) => `${f.path}: ${f.message}`).join('; ') || undefined}
          data-testid="relic-error"
        />
      )}
      <Modal
        open={pending !== null}
        title={pending ? t(`relics.action.${pending}`) : ''}
        onOk={() => pending && void run(pending)}
        onCancel={() => setPending(null)}
      >
        {pending && NEEDS_REASON.includes(pending) && (
          <Input.TextArea placeholder={t('relics.staff.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        {pending && NEEDS_CASE.includes(pending) && (
          <CaseSelect style={{ width: '100%' }} value={caseId ?? object.caseId} onChange={setCaseId} data-testid="relic-recover-case" />
        )}
      </Modal>
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('relics.fields.titleZh')}>{object.titleZh}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.titleEn')}>{object.titleEn}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.objectType')}>{v.typeName(object.objectType)}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.materials')}>{object.materials.map(v.materialName).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.measurements')}>{v.measurementsText(object.measurements)}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.period')}>
          {[v.periodName(object.periodCode), object.reign].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.features')} span="filled">
          {v.pick(object.distinguishingFeaturesZh, object.distinguishingFeaturesEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.inventoryNo')}>{object.inventoryNo}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.owner')}>{object.owner}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.theftDate')}>{object.theftDate?.slice(0, 10)}</Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.theftPlace')}>
          {v.en ? object.jurisdictionNameEn : object.jurisdictionNameZh} {object.theftPlaceDetail}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.circumstances')} span="filled">
          {object.circumstances}
        </Descriptions.Item>
        <Descriptions.Item label={t('relics.fields.case')}>
          {object.caseId && <Link to={`/cases/${object.caseId}`}>{t('relics.staff.openCase')}</Link>}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ marginTop: 16 }}>
        {t('relics.staff.photos')}
      </Typography.Title>
      <Space wrap>
        {object.photos.map((p) => (
          <Image
            key={p.id}
            width={160}
            src={staffPhotoUrl(object.id, p.sha256, 'thumb')}
            preview={{ src: staffPhotoUrl(object.id, p.sha256, 'web') }}
          />
        ))}
      </Space>
      {object.status === 'draft' && (
        <Space style={{ marginTop: 8 }}>
          <Select
            value={view}
            onChange={setView}
            style={{ width: 140 }}
            options={PHOTO_VIEWS.map((pv) => ({ value: pv, label: t(`relics.view.${pv}`) }))}
          />
          <Upload
            accept="image/*"
            showUploadList={false}
            beforeUpload={(file) => {
              uploadPhoto(object.id, file, view)
                .then(load)
                .catch((e: unknown) => e instanceof ApiError && setError(e));
              return false;
            }}
          >
            <Button data-testid="relic-photo-upload">{t('relics.staff.addPhoto')}</Button>
          </Upload>
        </Space>
      )}
      <Typography.Title level={3} style={{ marginTop: 16 }}>
        {t('relics.staff.history')}
      </Typography.Title>
      <Timeline
        items={history.map((h) => ({
          content: `${new Date(h.at).toLocaleString()} · ${t(`relics.event.${h.kind}`, { defaultValue: h.kind })} · ${h.actorUsername ?? ''}${h.note ? ` · ${h.note}` : ''}`,
        }))}
      />
    </>
  );
}
