// The "actions" column of a tab's table, present only for users who may change the case.
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

export function actionsColumn<T>(canWrite: boolean, t: TFunction, render: (record: T) => ReactNode): TableColumnsType<T> {
  return canWrite ? [{ key: 'actions', title: t('cases.parties.actions'), render: (_: unknown, record: T) => render(record) }] : [];
}
