// The "actions" column of a tab's table, present only for users who may change the case. It stays fixed at the right
// edge, so a wide table scrolls under it and the actions are never cut off.
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

export function actionsColumn<T>(canWrite: boolean, t: TFunction, render: (record: T) => ReactNode): TableColumnsType<T> {
  return canWrite ? [{ key: 'actions', title: t('cases.parties.actions'), fixed: 'right', render: (_: unknown, record: T) => render(record) }] : [];
}
