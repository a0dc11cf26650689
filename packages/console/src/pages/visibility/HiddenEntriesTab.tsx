import { EyeInvisibleOutlined } from '@ant-design/icons';
import type { HiddenEntry } from '@orgdesk/contracts';
import { Alert, App, Button, Flex, Popconfirm, Table, Tag, type ButtonProps, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { NamedList } from './display';
import { HiddenFormModal } from './HiddenFormModal';
import { useDeleteHidden, useHiddenEntries } from './useVisibility';

const targetName = (entry: HiddenEntry) => entry.department?.name ?? entry.member?.name ?? '';

/** Hidden departments and members, with who may still see them. */
export function HiddenEntriesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const entries = useHiddenEntries();
  const remove = useDeleteHidden();
  const reportError = useErrorReporter();
  const [form, setForm] = useState<{ open: boolean; entry?: HiddenEntry }>({ open: false });

  const confirmDelete = (entry: HiddenEntry) =>
    remove.mutate(entry.id, { onSuccess: () => void message.success(t('visibility.hidden.deleted')), onError: (error) => reportError(error) });

  const columns: TableColumnsType<HiddenEntry> = [
    {
      key: 'target',
      title: t('visibility.hidden.target'),
      render: (_, entry) => (
        <Flex gap={8} align="center">
          <Tag color={entry.kind === 'department' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`visibility.hidden.kind.${entry.kind}`)}
          </Tag>
          <span>{entry.kind === 'member' && entry.member ? `${entry.member.name} (${entry.member.userid})` : targetName(entry)}</span>
        </Flex>
      ),
    },
    {
      key: 'allowed',
      title: t('visibility.hidden.allowed'),
      render: (_, entry) => <NamedList departments={entry.allowedDepartments} tags={entry.allowedTags} members={entry.allowedMembers} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 160,
      render: (_, entry) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setForm({ open: true, entry })} data-testid={`visibility-hidden-edit-${entry.id}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('visibility.hidden.deleteConfirm', { name: targetName(entry) })}
            onConfirm={() => confirmDelete(entry)}
            okButtonProps={{ danger: true, 'data-testid': `visibility-hidden-delete-confirm-${entry.id}` } as ButtonProps}
          >
            <Button type="link" size="small" danger data-testid={`visibility-hidden-delete-${entry.id}`}>
              {t('visibility.hidden.remove')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Alert type="info" showIcon title={t('visibility.hidden.intro')} />
      <Flex justify="end">
        <Button type="primary" icon={<EyeInvisibleOutlined />} onClick={() => setForm({ open: true })} data-testid="visibility-hidden-add">
          {t('visibility.hidden.add')}
        </Button>
      </Flex>
      {entries.isError ? (
        <LoadFailed error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <div data-testid="visibility-hidden-table">
          <Table<HiddenEntry>
            rowKey="id"
            columns={columns}
            dataSource={entries.data ?? []}
            loading={entries.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('visibility.hidden.empty') }}
            onRow={(entry) => ({ 'data-testid': `visibility-hidden-row-${entry.id}` }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      )}
      <HiddenFormModal open={form.open} entry={form.entry} onClose={() => setForm({ ...form, open: false })} />
    </Flex>
  );
}
