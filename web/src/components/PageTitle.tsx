// The h1 of every page (data-testid="page-title"); also sets the browser tab title.
import { Typography } from 'antd';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function PageTitle({ children }: { children: string }) {
  useDocumentTitle(children);
  return (
    <Typography.Title level={1} className="lf-page-title" data-testid="page-title">
      {children}
    </Typography.Title>
  );
}
