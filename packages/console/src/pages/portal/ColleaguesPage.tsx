import { Card, Descriptions, Drawer, Flex, Input, Spin, Table, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalDepartment, PortalMember } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { fetchPortalDepartments, usePortalDepartmentTops, usePortalMember, usePortalMembers } from './usePortal';

const ALL = 'all';
const toNode = (d: PortalDepartment): TreeDataNode => ({ key: d.id, title: <span data-testid={`portal-dept-${d.id}`}>{d.name}</span>, isLeaf: !d.hasChildren });

function withChildren(nodes: TreeDataNode[], key: React.Key, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((node) => (node.key === key ? { ...node, children } : node.children ? { ...node, children: withChildren(node.children, key, children) } : node));
}

/** Colleagues as the member may see them: the visible department tree (loaded a level at a time), search and details. */
export default function ColleaguesPage() {
  const { t } = useTranslation();
  const tops = usePortalDepartmentTops();
  const [tree, setTree] = useState<TreeDataNode[]>([]);
  const [department, setDepartment] = useState<number | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string | null>(null);
  const members = usePortalMembers({ department, q: search || undefined, ...page });

  useEffect(() => {
    if (tops.data) setTree([{ key: ALL, title: t('portal.colleagues.all'), isLeaf: true }, ...tops.data.map(toNode)]);
  }, [tops.data, t]);

  const loadData = async (node: TreeDataNode) => {
    if (node.key === ALL || node.children) return;
    const children = await fetchPortalDepartments(Number(node.key));
    setTree((current) => withChildren(current, node.key, children.map(toNode)));
  };

  const hiddenOr = (member: PortalMember, field: 'mobile' | 'email' | 'telephone' | 'address') =>
    member.hiddenFields.includes(field) ? <Typography.Text type="secondary">{t('portal.colleagues.hidden')}</Typography.Text> : member[field];

  return (
    <Flex gap="middle" align="start">
      <Card title={t('portal.colleagues.title')} style={{ width: 280, flexShrink: 0 }} styles={{ body: { padding: 12 } }}>
        {tops.isError ? (
          <LoadFailed error={tops.error} onRetry={() => void tops.refetch()} />
        ) : tops.isPending ? (
          <Spin />
        ) : (
          <Tree
            treeData={tree}
            loadData={loadData}
            selectedKeys={[department ?? ALL]}
            onSelect={(keys) => {
              const key = keys[0];
              setDepartment(key === undefined || key === ALL ? undefined : Number(key));
              setPage((p) => ({ ...p, page: 1 }));
            }}
            data-testid="portal-tree"
          />
        )}
      </Card>
      <Card style={{ flex: 1, minWidth: 0 }}>
        <Input.Search
          allowClear
          placeholder={t('portal.colleagues.search')}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 360, marginBottom: 16 }}
          data-testid="portal-search"
        />
        {members.isError ? (
          <LoadFailed error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <Table<PortalMember>
            rowKey="userid"
            size="middle"
            loading={members.isFetching}
            dataSource={members.data?.items ?? []}
            locale={{ emptyText: t('portal.colleagues.empty') }}
            onRow={(member) => ({ onClick: () => setSelected(member.userid), style: { cursor: 'pointer' }, 'data-testid': `portal-member-${member.userid}` } as object)}
            pagination={{ current: page.page, pageSize: page.pageSize, total: members.data?.total ?? 0, onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
            columns={[
              {
                key: 'name',
                title: t('portal.field.name'),
                render: (_, m) => (
                  <Flex gap="small" align="center">
                    {m.name}
                    {m.alias && <Typography.Text type="secondary">({m.alias})</Typography.Text>}
                    {m.self && <Tag color="blue">{t('portal.colleagues.me')}</Tag>}
                  </Flex>
                ),
              },
              { key: 'position', title: t('portal.field.position'), dataIndex: 'position' },
              { key: 'departments', title: t('portal.field.departments'), render: (_, m) => m.departments.map((d) => d.name).join(t('common.separator')) },
              { key: 'mobile', title: t('portal.field.mobile'), render: (_, m) => hiddenOr(m, 'mobile') },
              { key: 'email', title: t('portal.field.email'), render: (_, m) => hiddenOr(m, 'email') },
            ]}
          />
        )}
      </Card>
      <ColleagueDrawer userid={selected} onClose={() => setSelected(null)} />
    </Flex>
  );
}

function ColleagueDrawer({ userid, onClose }: { userid: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const member = usePortalMember(userid);
  const data = member.data;
  const value = (field: 'alias' | 'position' | 'mobile' | 'email' | 'telephone' | 'address') => {
    if (!data) return null;
    if ((data.hiddenFields as string[]).includes(field)) return <Typography.Text type="secondary">{t('portal.colleagues.hidden')}</Typography.Text>;
    return data[field] || <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  };
  return (
    <Drawer open={userid !== null} title={t('portal.colleagues.detail')} onClose={onClose} size={480} data-testid="portal-member-drawer">
      {member.isError ? (
        <LoadFailed error={member.error} onRetry={() => void member.refetch()} />
      ) : !data ? (
        <Spin />
      ) : (
        <Flex vertical gap="middle">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-member-drawer-name">
            {data.name}
          </Typography.Title>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 100 } }}
            items={[
              { key: 'userid', label: t('portal.field.userid'), children: data.userid },
              { key: 'alias', label: t('portal.field.alias'), children: value('alias') },
              { key: 'position', label: t('portal.field.position'), children: value('position') },
              { key: 'departments', label: t('portal.field.departments'), children: data.departments.map((d) => d.name).join(t('common.separator')) },
              { key: 'mobile', label: t('portal.field.mobile'), children: value('mobile') },
              { key: 'email', label: t('portal.field.email'), children: value('email') },
              { key: 'telephone', label: t('portal.field.telephone'), children: value('telephone') },
              { key: 'address', label: t('portal.field.address'), children: value('address') },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
