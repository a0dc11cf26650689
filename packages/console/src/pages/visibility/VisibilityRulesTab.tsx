import { PlusOutlined } from '@ant-design/icons';
import type { VisibilityRule } from '@orgdesk/contracts';
import { Alert, App, Button, Flex, Popconfirm, Table, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { NamedList } from './display';
import { RuleFormModal } from './RuleFormModal';
import { useDeleteRule, useVisibilityRules } from './useVisibility';

/** The rules of who sees what, with adding, editing and deleting. */
export function VisibilityRulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useVisibilityRules();
  const remove = useDeleteRule();
  const reportError = useErrorReporter();
  const [form, setForm] = useState<{ open: boolean; rule?: VisibilityRule }>({ open: false });

  const confirmDelete = (rule: VisibilityRule) =>
    remove.mutate(rule.id, { onSuccess: () => void message.success(t('visibility.rule.deleted')), onError: (error) => reportError(error) });

  const columns: TableColumnsType<VisibilityRule> = [
    { key: 'name', title: t('visibility.rule.name'), dataIndex: 'name', width: 180 },
    { key: 'viewers', title: t('visibility.rule.viewers'), render: (_, rule) => <NamedList departments={rule.viewerDepartments} tags={rule.viewerTags} /> },
    {
      key: 'sees',
      title: t('visibility.rule.sees'),
      render: (_, rule) => (
        <Flex vertical gap={4}>
          <span>{t(`visibility.sees.${rule.sees}`)}</span>
          {rule.sees === 'listed' && <NamedList departments={rule.seenDepartments} tags={rule.seenTags} />}
        </Flex>
      ),
    },
    {
      key: 'hiddenFields',
      title: t('visibility.rule.hiddenFields'),
      width: 160,
      render: (_, rule) => (rule.hiddenFields.length ? rule.hiddenFields.map((f) => t(`visibility.field.${f}`)).join(t('visibility.listSeparator')) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, rule) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setForm({ open: true, rule })} data-testid={`visibility-rule-edit-${rule.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('visibility.rule.deleteConfirm', { name: rule.name })}
            onConfirm={() => confirmDelete(rule)}
            okButtonProps={{ danger: true, 'data-testid': `visibility-rule-delete-confirm-${rule.id}` } as ButtonProps}
          >
            <Button type="link" size="small" danger data-testid={`visibility-rule-delete-${rule.id}`}>
              {t('visibility.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Alert type="info" showIcon title={t('visibility.intro')} />
      <Flex justify="end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })} data-testid="visibility-rule-add">
          {t('visibility.rule.add')}
        </Button>
      </Flex>
      {rules.isError ? (
        <LoadFailed error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <div data-testid="visibility-rules-table">
          <Table<VisibilityRule>
            rowKey="id"
            columns={columns}
            dataSource={rules.data ?? []}
            loading={rules.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('visibility.rule.empty') }}
            onRow={(rule) => ({ 'data-testid': `visibility-rule-row-${rule.id}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      )}
      <RuleFormModal open={form.open} rule={form.rule} onClose={() => setForm({ ...form, open: false })} />
    </Flex>
  );
}
