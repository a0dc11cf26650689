import { selfApprovalRules, type TemplateInput } from '@orgdesk/contracts';
import { Card, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldErrors } from './errors';
import { DepartmentIdsInput } from './pickers';

interface Props {
  draft: TemplateInput;
  onChange: (patch: Partial<TemplateInput>) => void;
}

/** 基本信息: name, description and whether members can use the template. */
export function BasicsCard({ draft, title, onChange }: Props & { title: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title} data-testid="editor-basics">
      <Form layout="vertical" style={{ maxWidth: 640 }} component="div">
        <Form.Item label={t('approvals.editor.name')} required>
          <FieldErrors path="name" />
          <Input value={draft.name} maxLength={40} showCount onChange={(e) => onChange({ name: e.target.value })} data-testid="editor-name" />
        </Form.Item>
        <Form.Item label={t('approvals.editor.description')}>
          <FieldErrors path="description" />
          <Input.TextArea value={draft.description} maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} onChange={(e) => onChange({ description: e.target.value })} data-testid="editor-description" />
        </Form.Item>
        <Form.Item label={t('approvals.editor.enabled')}>
          <Switch checked={draft.enabled} onChange={(enabled) => onChange({ enabled })} data-testid="editor-enabled" />
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 高级设置: what happens when the applicant approves their own request, repeated approvers, and who may apply. */
export function SettingsCard({ draft, onChange }: Props) {
  const { t } = useTranslation();
  const settings = draft.settings;
  return (
    <Card title={t('approvals.editor.settings')} data-testid="editor-settings">
      <FieldErrors path="settings" />
      <Flex vertical gap="middle" style={{ maxWidth: 720 }}>
        <Flex gap="small" align="center" wrap>
          <span>{t('approvals.editor.selfApproval')}</span>
          <Select
            value={settings.selfApproval}
            onChange={(selfApproval) => onChange({ settings: { ...settings, selfApproval } })}
            options={selfApprovalRules.map((rule) => ({ value: rule, label: t(`approvals.editor.selfApprovalOption.${rule}`) }))}
            style={{ width: 280 }}
            data-testid="editor-self-approval"
          />
        </Flex>
        <Flex gap="small" align="center">
          <Switch checked={settings.dedupeApprovers} onChange={(dedupeApprovers) => onChange({ settings: { ...settings, dedupeApprovers } })} data-testid="editor-dedupe" />
          <span>{t('approvals.editor.dedupe')}</span>
        </Flex>
        <Flex vertical gap={4}>
          <span>{t('approvals.editor.range')}</span>
          <FieldErrors path="rangeDepartments" />
          <DepartmentIdsInput value={draft.rangeDepartments} onChange={(rangeDepartments) => onChange({ rangeDepartments })} testId="editor-range" />
          <Typography.Text type="secondary">{t('approvals.editor.rangeHelp')}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
