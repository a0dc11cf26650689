import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A page the signed-in admin's roles do not reach (e.g. opened from an old link or bookmark). */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('access.forbidden.title')}
      subTitle={t('access.forbidden.body')}
      data-testid="page-forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
