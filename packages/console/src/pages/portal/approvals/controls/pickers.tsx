import { Select, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalDepartment } from '../../../../api/types';
import { useDebounced } from '../../../directory/MemberSelect';
import { fetchPortalDepartments, usePortalDepartmentTops, usePortalMembers } from '../../usePortal';

interface MembersProps {
  value?: string[];
  onChange?: (userids: string[] | undefined) => void;
  multi: boolean;
  testId: string;
  placeholder?: string;
}

/**
 * Colleagues by userid, found with the portal's colleague search (only those the member may see). A userid typed
 * in full and confirmed with Enter is taken as written, for someone the search does not show.
 */
export function PortalMemberSelect({ value, onChange, multi, testId, placeholder }: MembersProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // The chosen colleagues keep their "name (userid)" after the search that found them changes.
  const [labels, setLabels] = useState(new Map<string, string>());
  const q = useDebounced(search.trim());
  const found = usePortalMembers({ q: q || undefined, page: 1, pageSize: 20 });
  const options = (q ? (found.data?.items ?? []) : []).map((m) => ({ value: m.userid, label: `${m.name} (${m.userid})` }));
  for (const userid of value ?? []) if (!options.some((o) => o.value === userid)) options.push({ value: userid, label: labels.get(userid) ?? userid });
  return (
    <Select<string[]>
      mode="tags"
      value={value ?? []}
      onChange={(userids) => onChange?.(multi ? userids : userids.slice(-1))}
      onSelect={(userid: string) => {
        const label = options.find((o) => o.value === userid)?.label;
        if (label) setLabels(new Map(labels).set(userid, label));
        setSearch('');
      }}
      options={options}
      loading={found.isFetching}
      placeholder={placeholder ?? t('approvals.portal.contactPlaceholder')}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false, autoClearSearchValue: true }}
      style={{ minWidth: 260 }}
      data-testid={testId}
    />
  );
}

interface DepartmentNode {
  value: number;
  title: string;
  isLeaf: boolean;
  children?: DepartmentNode[];
}
const toNode = (d: PortalDepartment): DepartmentNode => ({ value: d.id, title: d.name, isLeaf: !d.hasChildren });
const withChildren = (nodes: DepartmentNode[], id: number, children: DepartmentNode[]): DepartmentNode[] =>
  nodes.map((n) => (n.value === id ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, id, children) } : n));

/** Departments from the tree the member may see, loaded a level at a time. */
export function PortalDepartmentSelect({ value, onChange, multi, testId }: { value?: number[]; onChange?: (ids: number[] | undefined) => void; multi: boolean; testId: string }) {
  const { t } = useTranslation();
  const tops = usePortalDepartmentTops();
  const [tree, setTree] = useState<DepartmentNode[]>([]);
  useEffect(() => {
    if (tops.data) setTree(tops.data.map(toNode));
  }, [tops.data]);
  return (
    <TreeSelect<number | number[]>
      treeData={tree}
      multiple={multi}
      value={multi ? (value ?? []) : value?.[0]}
      onChange={(picked) => onChange?.(picked === undefined || picked === null ? undefined : Array.isArray(picked) ? picked : [picked])}
      loadData={async (node) => {
        const id = Number(node.value);
        const children = await fetchPortalDepartments(id);
        setTree((current) => withChildren(current, id, children.map(toNode)));
      }}
      allowClear
      loading={tops.isPending}
      placeholder={t('approvals.portal.departmentPlaceholder')}
      style={{ minWidth: 260 }}
      data-testid={testId}
    />
  );
}
