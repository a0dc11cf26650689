import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { HiddenEntriesTab } from './HiddenEntriesTab';
import { VisibilityPreviewTab } from './VisibilityPreviewTab';
import { VisibilityRulesTab } from './VisibilityRulesTab';

/** 通讯录权限: who sees which part of the directory, what is hidden, and a member's view. */
export default function VisibilityPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('visibility.title')} data-testid="visibility-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'rules', label: t('visibility.tabs.rules'), children: <VisibilityRulesTab /> },
          { key: 'hidden', label: t('visibility.tabs.hidden'), children: <HiddenEntriesTab /> },
          { key: 'preview', label: <span data-testid="visibility-tab-preview">{t('visibility.tabs.preview')}</span>, children: <VisibilityPreviewTab /> },
        ]}
      />
    </Card>
  );
}
