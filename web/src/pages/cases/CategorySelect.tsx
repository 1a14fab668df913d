// Category picker: the taxonomy as a searchable tree (any level may be chosen; a filter on a
// parent matches its whole subtree).
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CodePickerProps } from '../../components/codePickerProps';
import { useCategories } from './useCategories';

export type CategorySelectProps = CodePickerProps;

export function CategorySelect({ id, value, onChange, allowClear, placeholder, style, className, status, ...rest }: CategorySelectProps) {
  const { t } = useTranslation();
  const { treeData, loading } = useCategories();
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(code?: string) => onChange?.(code || undefined)}
      treeData={treeData}
      loading={loading}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('cases.fields.categoryPlaceholder')}
      style={style}
      className={className}
      status={status}
      popupMatchSelectWidth={false}
      treeLine
    />
  );
}
