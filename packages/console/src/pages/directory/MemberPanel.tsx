import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { HTMLAttributes, MouseEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, Member, MemberStatus } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { DirectoryExportButton } from './DirectoryExportButton';
import { MemberBatchActions } from './MemberBatchActions';
import { DepartmentNames, StatusTag } from './memberDisplay';
import { useDebounced } from './MemberSelect';
import { useMemberList, type MemberSortField } from './useMembers';
import { usePaging } from '../../components/usePaging';

interface Props {
  department: Department | undefined;
  onOpen: (member: Member) => void;
  onAdd: () => void;
}

type StatusFilter = 'all' | MemberStatus;
const statusFilters: StatusFilter[] = ['all', 1, 4, 2, 5];
const sortable: MemberSortField[] = ['name', 'userid', 'joinDate'];

/** Members of the selected department: search, filters, server-side paging and sorting, batch actions. */
export function MemberPanel({ department, onOpen, onAdd }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [status, setStatus] = useState<StatusFilter>('all');
  const [recursive, setRecursive] = useState(true);
  const [sort, setSort] = useState<{ field: MemberSortField; order: 'asc' | 'desc' }>({ field: 'name', order: 'asc' });
  const { page, pageSize, firstPage, pagination } = usePaging(20);
  const [selected, setSelected] = useState<string[]>([]);

  // A new department or search starts from the first page with nothing selected.
  const context = `${department?.id}|${q}|${status}|${recursive}`;
  const [lastContext, setLastContext] = useState(context);
  if (lastContext !== context) {
    setLastContext(context);
    firstPage();
    setSelected([]);
  }

  // The whole tree lies under the root, so "root and below" is simply the whole corp (no subtree lookup).
  const wholeCorp = department?.parentId === null && recursive;
  const list = useMemberList({
    department: wholeCorp ? undefined : department?.id,
    recursive,
    status: status === 'all' ? undefined : status,
    q: q || undefined,
    sort: sort.field,
    order: sort.order,
    page,
    pageSize,
  });

  const sortOrder = (field: MemberSortField) => (sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('directory.member.name'),
      width: 130,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, member) => (
        <span>
          {member.name}
          {member.alias && <Typography.Text type="secondary"> ({member.alias})</Typography.Text>}
        </span>
      ),
    },
    { key: 'userid', title: t('directory.member.userid'), dataIndex: 'userid', width: 130, ellipsis: true, sorter: true, sortOrder: sortOrder('userid') },
    { key: 'position', title: t('directory.member.position'), dataIndex: 'position', width: 110, ellipsis: true },
    { key: 'departments', title: t('directory.member.departments'), ellipsis: true, render: (_, member) => <DepartmentNames member={member} /> },
    { key: 'mobile', title: t('directory.member.mobile'), dataIndex: 'mobile', width: 130 },
    // Narrower screens leave the email to the member's details.
    { key: 'email', title: t('directory.member.email'), dataIndex: 'email', ellipsis: true, responsive: ['xxl'] },
    { key: 'status', title: t('directory.member.status'), dataIndex: 'status', width: 90, render: (value: MemberStatus) => <StatusTag status={value} /> },
    { key: 'joinDate', title: t('directory.member.joinDate'), dataIndex: 'joinDate', width: 120, sorter: true, sortOrder: sortOrder('joinDate') },
  ];

  const onChange: TableProps<Member>['onChange'] = (_pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey as MemberSortField | undefined;
    if (one?.order && field && sortable.includes(field)) setSort({ field, order: one.order === 'ascend' ? 'asc' : 'desc' });
    else setSort({ field: 'name', order: 'asc' });
  };

  const openRow = (member: Member) => (event: MouseEvent) => {
    // Ticking a row's checkbox selects it without opening it.
    if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
    onOpen(member);
  };

  const title: ReactNode = department ? (
    <Flex align="baseline" gap="small">
      <span data-testid="member-panel-title">{department.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
        {t('directory.member.total', { total: list.data?.total ?? 0 })}
      </Typography.Text>
    </Flex>
  ) : (
    t('nav.members')
  );

  return (
    <Card title={title} styles={{ body: { paddingTop: 12 } }}>
      <Flex vertical gap="middle">
        <Flex gap="middle" align="center" wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('directory.member.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            maxLength={64}
            style={{ width: 300 }}
            data-testid="member-search"
          />
          <Select<StatusFilter>
            value={status}
            onChange={setStatus}
            style={{ width: 130 }}
            options={statusFilters.map((value) => ({ value, label: value === 'all' ? t('directory.status.all') : t(`directory.status.${value}`) }))}
            optionRender={(option) => <span data-testid={`member-status-filter-option-${String(option.value)}`}>{option.label}</span>}
            data-testid="member-status-filter"
          />
          <Flex align="center" gap={6}>
            <Switch size="small" checked={recursive} onChange={setRecursive} data-testid="member-recursive" />
            <Typography.Text>{t('directory.member.recursive')}</Typography.Text>
          </Flex>
        </Flex>
        <Flex gap="small" align="center" wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} disabled={!department} data-testid="member-add">
            {t('directory.member.add')}
          </Button>
          <DirectoryExportButton department={department} />
          <MemberBatchActions userids={selected} onDone={(done) => setSelected(selected.filter((userid) => !done.includes(userid)))} />
          {selected.length > 0 && <Typography.Text type="secondary">{t('directory.member.selected', { count: selected.length })}</Typography.Text>}
        </Flex>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <div data-testid="member-table">
            <Table<Member>
              rowKey="userid"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              onChange={onChange}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true }}
              onRow={(member) => ({ onClick: openRow(member), style: { cursor: 'pointer' }, 'data-testid': `member-row-${member.userid}` }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: t('directory.member.empty') }}
              pagination={pagination(list.data?.total ?? 0, { pageSizeOptions: [20, 50, 100], showTotal: (total) => t('directory.member.total', { total }) })}
            />
          </div>
        )}
      </Flex>
    </Card>
  );
}
