import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export type UnavailableModule = 'access' | 'apps' | 'workbench';

/** Modules that later versions will bring; said plainly instead of showing placeholder data. */
export default function ModuleUnavailable({ module }: { module: UnavailableModule }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      data-testid="module-unavailable"
      title={t('unavailable.title', { module: t(`nav.${module}`) })}
      subTitle={t('unavailable.body')}
    />
  );
}
