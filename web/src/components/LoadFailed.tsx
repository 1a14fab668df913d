// Full-page variant of ErrorAlert, for when the app cannot start (e.g. server unreachable).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="lf-full-page-center">
      <Result
        status="warning"
        title={errorMessage(error)}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}
