import type { PreviewMember } from '@orgdesk/contracts';
import { Descriptions, Empty, Flex, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '../../components/LoadFailed';
import { useDebounced } from '../directory/MemberSelect';
import { NamedList } from './display';
import { MemberField } from './fields';
import { useVisibilityPreview } from './useVisibility';

const PAGE_SIZE = 20;

/** A field as the previewed member sees it: a hidden one says so. */
function Shown({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (value === null) return <Tag style={{ marginInlineEnd: 0 }}>{t('visibility.preview.hiddenValue')}</Tag>;
  return <>{value || <Typography.Text type="secondary">-</Typography.Text>}</>;
}

/** "What does member X see?": pick a member, see their directory as they would. */
export function VisibilityPreviewTab() {
  const { t } = useTranslation();
  const [userid, setUserid] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim());
  const preview = useVisibilityPreview({ userid: userid ?? null, q, page, pageSize: PAGE_SIZE });
  const data = preview.data;

  const columns: TableColumnsType<PreviewMember> = [
    {
      key: 'name',
      title: t('directory.member.name'),
      render: (_, m) => (
        <Flex gap={4} align="center">
          <span>{m.name}</span>
          {m.self && <Tag color="green">{t('visibility.preview.self')}</Tag>}
        </Flex>
      ),
    },
    { key: 'userid', title: t('directory.member.userid'), dataIndex: 'userid' },
    { key: 'departments', title: t('directory.member.departments'), render: (_, m) => m.departments.map((d) => d.name).join(t('visibility.listSeparator')) },
    { key: 'mobile', title: t('visibility.field.mobile'), render: (_, m) => <Shown value={m.mobile} /> },
    { key: 'email', title: t('visibility.field.email'), render: (_, m) => <Shown value={m.email} /> },
    { key: 'telephone', title: t('visibility.field.telephone'), render: (_, m) => <Shown value={m.telephone} /> },
    { key: 'address', title: t('visibility.field.address'), render: (_, m) => <Shown value={m.address} /> },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex gap="small" wrap>
        <MemberField
          value={userid}
          onChange={(value) => {
            setUserid(value);
            setPage(1);
          }}
          placeholder={t('visibility.memberPlaceholder')}
          style={{ width: 320 }}
          testId="visibility-preview-member"
        />
        <Input.Search
          allowClear
          value={search}
          disabled={!userid}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
          placeholder={t('visibility.preview.search')}
          style={{ width: 280 }}
          data-testid="visibility-preview-search"
        />
      </Flex>
      {!userid ? (
        <Empty description={t('visibility.preview.hint')} />
      ) : preview.isError ? (
        <LoadFailed error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <>
          {data && (
            <Descriptions
              bordered
              size="small"
              column={2}
              data-testid="visibility-preview-summary"
              items={[
                {
                  key: 'scope',
                  label: t('visibility.preview.scope'),
                  span: 2,
                  children: <span data-testid="visibility-preview-scope">{data.seesWholeOrganization ? t('visibility.preview.wholeOrg') : t('visibility.preview.restricted')}</span>,
                },
                { key: 'rules', label: t('visibility.preview.rules'), span: 2, children: data.rules.length ? data.rules.map((r) => r.name).join(t('visibility.listSeparator')) : t('visibility.preview.defaultRule') },
                { key: 'members', label: t('visibility.preview.members'), children: <span data-testid="visibility-preview-member-count">{data.counts.members}</span> },
                { key: 'departments', label: t('visibility.preview.departments'), children: data.counts.departments },
                {
                  key: 'hiddenFields',
                  label: t('visibility.preview.hiddenFields'),
                  span: 2,
                  children: data.hiddenFields.length ? data.hiddenFields.map((f) => t(`visibility.field.${f}`)).join(t('visibility.listSeparator')) : t('common.none'),
                },
                { key: 'tops', label: t('visibility.preview.tops'), span: 2, children: <NamedList departments={data.topDepartments} /> },
              ]}
            />
          )}
          <div data-testid="visibility-preview-table">
            <Table<PreviewMember>
              rowKey="userid"
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={preview.isFetching}
              locale={{ emptyText: t('directory.member.empty') }}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('visibility.preview.total', { total }) }}
              onRow={(m) => ({ 'data-testid': `visibility-preview-row-${m.userid}` }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </>
      )}
    </Flex>
  );
}
