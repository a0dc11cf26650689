import { useQueryClient } from '@tanstack/react-query';
import { Spin, Tree, Typography, type TreeDataNode } from 'antd';
import { useState, type Key } from 'react';
import type { Department } from '../../api/types';
import { LoadFailed } from '../../components/LoadFailed';
import { cachedDepartment, childrenQuery, useDepartmentChildren, useRootDepartment } from './useDepartments';

interface CommonProps {
  /** Each node title carries `<testIdPrefix>-<id>`. */
  testIdPrefix: string;
  /** A fixed height turns on virtual scrolling, so a department with thousands of children stays smooth. */
  height: number;
  disabledIds?: number[];
}

interface SelectMode extends CommonProps {
  mode: 'select';
  selectedId?: number;
  onSelect: (department: Department) => void;
}

interface CheckMode extends CommonProps {
  mode: 'check';
  checkedIds: number[];
  onCheck: (ids: number[]) => void;
}

export type DepartmentTreeProps = SelectMode | CheckMode;

function DepartmentTitle({ department, testId }: { department: Department; testId: string }) {
  return (
    <span data-testid={testId}>
      {department.name}
      <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
        ({department.memberCount})
      </Typography.Text>
    </span>
  );
}

/**
 * The department tree, loaded one level at a time: the root first, then the children of each department
 * the first time it is expanded. Only expanded levels are ever fetched (and refreshed after changes).
 */
export function DepartmentTree(props: DepartmentTreeProps) {
  const queryClient = useQueryClient();
  const root = useRootDepartment();
  const rootId = root.data?.id;
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [opened, setOpened] = useState<number[]>([]);
  const expandedKeys = expanded ?? (rootId === undefined ? [] : [rootId]);
  const parentIds = [...new Set([...(rootId === undefined ? [] : [rootId]), ...opened])];
  const childrenOf = useDepartmentChildren(parentIds);

  if (root.isError) return <LoadFailed error={root.error} onRetry={() => void root.refetch()} />;
  if (!root.data) return <Spin style={{ display: 'block', padding: 24 }} />;

  const disabled = new Set(props.disabledIds ?? []);
  const toNode = (department: Department): TreeDataNode => ({
    key: department.id,
    title: <DepartmentTitle department={department} testId={`${props.testIdPrefix}-${department.id}`} />,
    isLeaf: !department.hasChildren,
    disabled: disabled.has(department.id),
    children: childrenOf.get(department.id)?.map(toNode),
  });

  const loadData = async (node: { key: Key }) => {
    const id = Number(node.key);
    setOpened((ids) => (ids.includes(id) ? ids : [...ids, id]));
    await queryClient.ensureQueryData(childrenQuery(id)).catch(() => undefined);
  };

  /** Clicking a department also opens it, as WeCom's tree does. */
  const expand = (id: number) => {
    if (!expandedKeys.includes(id)) setExpanded([...expandedKeys, id]);
  };

  const findDepartment = (id: number) => (id === root.data?.id ? root.data : cachedDepartment(queryClient, id)?.department);

  const common = {
    treeData: [toNode(root.data)],
    height: props.height,
    blockNode: true,
    expandedKeys,
    onExpand: (keys: Key[]) => setExpanded(keys.map(Number)),
    loadData,
  };

  if (props.mode === 'check') {
    return (
      <Tree
        {...common}
        checkable
        checkStrictly
        selectable={false}
        checkedKeys={props.checkedIds}
        onCheck={(checked) => props.onCheck((Array.isArray(checked) ? checked : checked.checked).map(Number))}
      />
    );
  }
  return (
    <Tree
      {...common}
      selectedKeys={props.selectedId === undefined ? [] : [props.selectedId]}
      onSelect={(_keys, { node }) => {
        const id = Number(node.key);
        const department = findDepartment(id);
        if (department) props.onSelect(department);
        if (!node.isLeaf) expand(id);
      }}
    />
  );
}
