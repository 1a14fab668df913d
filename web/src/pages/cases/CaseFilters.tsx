// Filters of the case list. Every change goes straight to the URL (CasesPage); text inputs
// commit on Enter or when they lose focus.
import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CASE_DATE_FIELDS,
  CASE_STATUSES,
  type CaseDateField,
  type CaseQuery,
  type CaseStatus,
  SUPERVISION_FILTERS,
  type SupervisionFilter,
} from '../../api/types';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { useLabels } from '../../i18n/useLabels';
import { fromDay, toDay } from '../../lib/dates';
import { CategorySelect } from './CategorySelect';

export interface CaseFiltersProps {
  query: CaseQuery;
  supervised: boolean;
  onChange: (patch: Partial<CaseQuery>) => void;
  onReset: () => void;
}

export function CaseFilters({ query, supervised, onChange, onReset }: CaseFiltersProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [text, setText] = useState(query.q ?? '');
  const [campaign, setCampaign] = useState(query.campaign ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  useEffect(() => setCampaign(query.campaign ?? ''), [query.campaign]);

  const commitCampaign = () => {
    const value = campaign.trim() || undefined;
    if (value !== query.campaign) onChange({ campaign: value });
  };

  return (
    <Flex wrap gap={12} role="search" aria-label={t('cases.filters.label')} data-testid="cases-filters">
      <Input.Search
        className="lf-filter-search"
        data-testid="cases-search"
        aria-label={t('cases.filters.search')}
        placeholder={t('cases.filters.search')}
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
      />
      <CategorySelect
        className="lf-filter-category"
        data-testid="cases-filter-category"
        allowClear
        placeholder={t('cases.filters.category')}
        value={query.category}
        onChange={(category) => onChange({ category })}
      />
      <Select<CaseStatus[]>
        className="lf-filter-status"
        data-testid="cases-filter-status"
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('cases.filters.status')}
        placeholder={t('cases.filters.status')}
        value={query.status ?? []}
        onChange={(status) => onChange({ status: status.length ? status : undefined })}
        options={CASE_STATUSES.map((s) => ({ value: s, label: label('caseStatus', s) }))}
      />
      <JurisdictionCascader
        className="lf-filter-jurisdiction"
        data-testid="cases-filter-jurisdiction"
        allowClear
        placeholder={t('cases.filters.jurisdiction')}
        value={query.jurisdiction}
        onChange={(jurisdiction) => onChange({ jurisdiction })}
      />
      <Space.Compact className="lf-filter-dates">
        <Select<CaseDateField>
          data-testid="cases-filter-date-field"
          aria-label={t('cases.filters.dateField')}
          value={query.dateField ?? 'reported_at'}
          onChange={(dateField) => onChange({ dateField })}
          options={CASE_DATE_FIELDS.map((f) => ({ value: f, label: label('dateFields', f) }))}
          popupMatchSelectWidth={false}
        />
        <DatePicker.RangePicker
          data-testid="cases-filter-dates"
          allowEmpty={[true, true]}
          placeholder={[t('cases.filters.from'), t('cases.filters.to')]}
          value={[fromDay(query.from) ?? null, fromDay(query.to) ?? null]}
          onChange={(range) => onChange({ from: toDay(range?.[0]), to: toDay(range?.[1]) })}
        />
      </Space.Compact>
      <Input
        className="lf-filter-campaign"
        data-testid="cases-filter-campaign"
        aria-label={t('cases.filters.campaign')}
        placeholder={t('cases.filters.campaign')}
        allowClear
        value={campaign}
        onChange={(e) => {
          setCampaign(e.target.value);
          if (!e.target.value && query.campaign) onChange({ campaign: undefined }); // the clear icon
        }}
        onPressEnter={commitCampaign}
        onBlur={commitCampaign}
      />
      <Select<SupervisionFilter>
        className="lf-filter-supervision"
        data-testid="cases-filter-supervision"
        aria-label={t('cases.filters.supervision')}
        placeholder={t('cases.filters.supervision')}
        allowClear={!supervised}
        value={query.supervision}
        onChange={(supervision) => onChange({ supervision: supervision ?? undefined })}
        options={SUPERVISION_FILTERS.map((s) => ({ value: s, label: label('supervision', s) }))}
        popupMatchSelectWidth={false}
      />
      <Button icon={<ClearOutlined />} onClick={onReset} data-testid="cases-filter-reset">
        {t('cases.filters.reset')}
      </Button>
    </Flex>
  );
}
