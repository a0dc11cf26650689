import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown when a route crashes or its code-split chunk fails to load (typically after a redeploy). */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.pageTitle')}
      subTitle={t('errors.pageBody')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
