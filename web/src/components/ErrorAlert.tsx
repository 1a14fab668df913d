// An inline, translated error message for a failed request, with an optional retry. A refusal (403) says so plainly
// (data-testid="forbidden-alert"): retrying would not help, so there is no retry button.
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, isForbidden } from '../api/errors';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isForbidden(error)) {
    return (
      <Alert type="warning" showIcon role="alert" data-testid="forbidden-alert" title={t('forbidden.title')} description={errorMessage(error)} />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-alert"
      title={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
