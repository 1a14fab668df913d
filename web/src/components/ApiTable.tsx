// A table of the items loaded with useApi: the load error (with retry) above it, loading state,
// and the defaults used across the app (pages of 50 hidden when one page, horizontal scroll).
// Any Table prop given overrides the defaults.
import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { ApiResult } from '../hooks/useApi';
import { ErrorAlert } from './ErrorAlert';

export type ApiTableProps<T> = TableProps<T> & {
  result: ApiResult<{ items: T[] }>;
  /** Shown when there are no rows. */
  emptyText?: ReactNode;
  /** Show only the error (no table) when loading failed. */
  errorOnly?: boolean;
};

export function ApiTable<T extends object>({ result, emptyText, errorOnly, ...props }: ApiTableProps<T>) {
  const error = result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null;
  if (error && errorOnly) return error;
  return (
    <>
      {error}
      <Table<T>
        size="middle"
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        {...(emptyText === undefined ? {} : { locale: { emptyText } })}
        pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        scroll={{ x: 'max-content' }}
        {...props}
      />
    </>
  );
}
