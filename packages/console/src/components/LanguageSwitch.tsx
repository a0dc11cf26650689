import type { Language } from '@orgdesk/contracts';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, supportedLanguages } from '../i18n';

const shortLabels: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(language) => void changeLanguage(language, true)}
      options={supportedLanguages.map((language) => ({
        value: language,
        // Each language names itself, so it is recognisable whatever the current UI language is.
        label: <span data-testid={`language-${language}`}>{shortLabels[language]}</span>,
        title: t(`language.${language}`),
      }))}
    />
  );
}
