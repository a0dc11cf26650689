import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A query that could not load: the server's message and a retry button. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t('errors.unexpected');
  return (
    <Result
      status="error"
      title={message}
      extra={
        <Button type="primary" onClick={onRetry} data-testid="load-retry">
          {t('common.reload')}
        </Button>
      }
    />
  );
}
