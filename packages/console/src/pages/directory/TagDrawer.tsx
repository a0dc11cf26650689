import { ApartmentOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Spin, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagDetail, TagMembersResult } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { DepartmentPicker, type PickedDepartment } from './DepartmentPicker';
import { MemberSelect } from './MemberSelect';
import { useDepartmentNames } from './useDepartments';
import { useChangeTagMembers, useTag } from './useTags';

/** A tag's members and departments, with adding and removing. */
export function TagDrawer({ id, open, onClose }: { id: number | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const tag = useTag(id);
  return (
    <Drawer open={open} title={tag.data ? t('directory.tag.detailTitle', { name: tag.data.name }) : t('directory.tag.title')} size={560} onClose={onClose} data-testid="tag-drawer">
      {tag.isError ? <LoadFailed error={tag.error} onRetry={() => void tag.refetch()} /> : tag.data ? <TagContents tag={tag.data} /> : <Spin />}
    </Drawer>
  );
}

function TagContents({ tag }: { tag: TagDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const change = useChangeTagMembers();
  const [userids, setUserids] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const names = useDepartmentNames(tag.departmentIds);

  const run = (kind: 'add' | 'remove', body: { userids?: string[]; departmentIds?: number[] }, after?: () => void) =>
    change.mutate(
      { id: tag.id, change: kind, ...body },
      {
        onSuccess: (result: TagMembersResult) => {
          after?.();
          const invalid = [...result.invalidUserids, ...result.invalidDepartmentIds.map((d) => `#${d}`)];
          if (invalid.length) void message.warning(t('directory.tag.invalid', { list: invalid.join(', ') }));
          else void message.success(kind === 'add' ? t('directory.tag.added') : t('directory.tag.removed'));
        },
        onError: (error) => reportError(error),
      },
    );

  const addDepartments = (picked: PickedDepartment[]) => run('add', { departmentIds: picked.map((d) => d.id) }, () => setPicking(false));
  const removeButton = (testId: string, onClick: () => void) => (
    <Button type="link" size="small" danger disabled={change.isPending} onClick={onClick} data-testid={testId}>
      {t('directory.tag.remove')}
    </Button>
  );

  return (
    <Flex vertical gap="large">
      <section>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('directory.tag.members', { count: tag.members.length })}
        </Typography.Title>
        <Flex gap="small" style={{ marginBottom: 12 }}>
          <MemberSelect
            value={userids}
            onChange={setUserids}
            exclude={tag.members.map((m) => m.userid)}
            placeholder={t('directory.member.membersPlaceholder')}
            style={{ flex: 1 }}
            testId="tag-add-userids"
          />
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            disabled={userids.length === 0}
            loading={change.isPending}
            onClick={() => run('add', { userids }, () => setUserids([]))}
            data-testid="tag-add-members"
          >
            {t('directory.tag.addMembers')}
          </Button>
        </Flex>
        <div data-testid="tag-members">
          <Table
            size="small"
            rowKey="userid"
            showHeader={false}
            dataSource={tag.members}
            locale={{ emptyText: t('directory.tag.noMembers') }}
            pagination={tag.members.length > 20 ? { pageSize: 20, size: 'small' } : false}
            onRow={(member) => ({ 'data-testid': `tag-member-${member.userid}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'name', render: (_, member) => member.name },
              { key: 'userid', render: (_, member) => <Typography.Text type="secondary">{member.userid}</Typography.Text> },
              { key: 'remove', align: 'end', render: (_, member) => removeButton(`tag-remove-member-${member.userid}`, () => run('remove', { userids: [member.userid] })) },
            ]}
          />
        </div>
      </section>
      <section>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('directory.tag.departments', { count: tag.departmentIds.length })}
          </Typography.Title>
          <Button icon={<ApartmentOutlined />} onClick={() => setPicking(true)} data-testid="tag-add-departments">
            {t('directory.tag.addDepartments')}
          </Button>
        </Flex>
        <div data-testid="tag-departments">
          <Table
            size="small"
            rowKey={(departmentId) => departmentId}
            showHeader={false}
            dataSource={tag.departmentIds}
            locale={{ emptyText: t('directory.tag.noDepartments') }}
            pagination={false}
            onRow={(departmentId) => ({ 'data-testid': `tag-department-${departmentId}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'name', render: (_, departmentId) => names.get(departmentId) ?? `#${departmentId}` },
              { key: 'remove', align: 'end', render: (_, departmentId) => removeButton(`tag-remove-department-${departmentId}`, () => run('remove', { departmentIds: [departmentId] })) },
            ]}
          />
        </div>
      </section>
      <DepartmentPicker
        open={picking}
        multiple
        title={t('directory.tag.addDepartments')}
        disabledIds={tag.departmentIds}
        confirmLoading={change.isPending}
        onOk={addDepartments}
        onCancel={() => setPicking(false)}
      />
    </Flex>
  );
}
