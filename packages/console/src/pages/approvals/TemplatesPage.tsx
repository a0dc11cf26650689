import { PlusOutlined } from '@ant-design/icons';
import type { Template } from '@orgdesk/contracts';
import { App, Button, Card, Flex, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { toInput, useSaveTemplate, useTemplates } from './useApprovalAdmin';

/** 审批模板: the built-in 报销 / 请假 / 通用 and custom templates, each switched on or off here. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useTemplates();
  const save = useSaveTemplate();
  const reportError = useErrorReporter();

  if (templates.isError) return <LoadFailed error={templates.error} onRetry={() => void templates.refetch()} />;
  // The API saves a whole template: the switch sends it back as it is, with only `enabled` changed.
  const toggle = (template: Template, enabled: boolean) =>
    save.mutate({ id: template.id, input: { ...toInput(template), enabled } }, { onSuccess: () => void message.success(t('approvals.templates.saved')), onError: (error) => reportError(error) });

  const columns: TableColumnsType<Template> = [
    {
      key: 'name',
      title: t('approvals.column.name'),
      render: (_, template) => (
        <Flex vertical>
          <Flex gap="small" align="center">
            <Link to={`/workbench/approvals/templates/${template.id}`} data-testid={`template-name-${template.id}`}>
              {template.name}
            </Link>
            {template.kind !== 'custom' && <Tag color="blue">{t('approvals.templates.builtin')}</Tag>}
          </Flex>
          {template.description && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
              {template.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'kind', title: t('approvals.column.kind'), width: 100, render: (_, template) => t(`approvals.kind.${template.kind}`) },
    { key: 'controls', title: t('approvals.column.controls'), width: 90, render: (_, template) => template.controls.length },
    {
      key: 'enabled',
      title: t('approvals.column.enabled'),
      width: 100,
      render: (_, template) => (
        <Switch
          checked={template.enabled}
          loading={save.isPending && save.variables.id === template.id}
          onChange={(enabled) => toggle(template, enabled)}
          aria-label={template.enabled ? t('approvals.templates.enabledOn') : t('approvals.templates.enabledOff')}
          data-testid={`template-enabled-${template.id}`}
        />
      ),
    },
    { key: 'updatedAt', title: t('approvals.column.updatedAt'), width: 170, render: (_, template) => dayjs(template.updatedAt).format('YYYY-MM-DD HH:mm') },
  ];

  return (
    <Card
      title={t('approvals.templates.title')}
      extra={
        <Link to="/workbench/approvals/templates/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="templates-create">
            {t('approvals.templates.create')}
          </Button>
        </Link>
      }
      data-testid="templates-page"
    >
      <Table<Template>
        rowKey="id"
        columns={columns}
        dataSource={templates.data ?? []}
        loading={templates.isFetching}
        pagination={false}
        locale={{ emptyText: t('approvals.templates.empty') }}
        onRow={(template) => ({ 'data-testid': `template-row-${template.id}`, 'data-kind': template.kind, 'data-name': template.name }) as HTMLAttributes<HTMLElement>}
        data-testid="templates-table"
      />
    </Card>
  );
}
