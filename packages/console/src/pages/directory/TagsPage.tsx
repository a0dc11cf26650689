import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, type ButtonProps, type TableColumnsType } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { TagDrawer } from './TagDrawer';
import { TagFormModal } from './TagFormModal';
import { useDeleteTag, useTags } from './useTags';

/** Buttons inside a row act on their own; the row click opens the tag. */
const stop = (event: MouseEvent) => event.stopPropagation();

/** 标签: the corp's tags, each opening to its members and departments. */
export default function TagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tags = useTags();
  const remove = useDeleteTag();
  const reportError = useErrorReporter();
  const [form, setForm] = useState<{ open: boolean; tag?: Tag }>({ open: false });
  const [opened, setOpened] = useState<{ id: number; open: boolean } | null>(null);

  const confirmDelete = async (tag: Tag) => {
    try {
      await remove.mutateAsync(tag.id);
      void message.success(t('directory.tag.deleted'));
      if (opened?.id === tag.id) setOpened(null);
    } catch (error) {
      reportError(error);
    }
  };

  const columns: TableColumnsType<Tag> = [
    { key: 'name', title: t('directory.tag.name'), dataIndex: 'name' },
    { key: 'memberCount', title: t('directory.tag.memberCount'), dataIndex: 'memberCount', width: 140 },
    { key: 'departmentCount', title: t('directory.tag.departmentCount'), dataIndex: 'departmentCount', width: 140 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      render: (_, tag) => (
        <Flex gap={4} onClick={stop}>
          <Button type="link" size="small" onClick={() => setForm({ open: true, tag })} data-testid={`tag-rename-${tag.id}`}>
            {t('directory.tag.rename')}
          </Button>
          <Popconfirm
            title={t('directory.tag.deleteConfirm', { name: tag.name })}
            onConfirm={() => confirmDelete(tag)}
            okButtonProps={{ danger: true, 'data-testid': `tag-delete-confirm-${tag.id}` } as ButtonProps}
          >
            <Button type="link" size="small" danger data-testid={`tag-delete-${tag.id}`}>
              {t('directory.tag.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t('directory.tag.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })} data-testid="tag-add">
          {t('directory.tag.add')}
        </Button>
      }
    >
      {tags.isError ? (
        <LoadFailed error={tags.error} onRetry={() => void tags.refetch()} />
      ) : (
        <div data-testid="tags-table">
          <Table<Tag>
            rowKey="id"
            columns={columns}
            dataSource={tags.data ?? []}
            loading={tags.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('directory.tag.empty') }}
            onRow={(tag) =>
              ({ onClick: () => setOpened({ id: tag.id, open: true }), style: { cursor: 'pointer' }, 'data-testid': `tag-row-${tag.id}` }) as HTMLAttributes<HTMLElement>
            }
          />
        </div>
      )}
      <TagFormModal open={form.open} tag={form.tag} onClose={() => setForm({ ...form, open: false })} />
      <TagDrawer id={opened?.id ?? null} open={opened?.open ?? false} onClose={() => setOpened(opened && { ...opened, open: false })} />
    </Card>
  );
}
