import type { Control, FlowNode } from '@orgdesk/contracts';
import { Button, Dropdown, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BranchCard } from './BranchCard';
import { moved, newNode, removed, replaced } from './draft';
import { NodeCard, NodeTools } from './NodeCard';

interface Props {
  nodes: FlowNode[];
  /** 'flow', or a branch's 'flow.0.branches.1.nodes': server errors and test ids use it. */
  path: string;
  controls: Control[];
  onChange: (nodes: FlowNode[]) => void;
}

/** Steps in order (nested inside branches), each movable and removable, and a menu adding a step at the end. */
export function NodeList({ nodes, path, controls, onChange }: Props) {
  const { t } = useTranslation();
  const names = { approver: t('approvals.editor.approverNode'), cc: t('approvals.editor.ccNode'), branch: t('approvals.editor.branch'), otherwise: t('approvals.editor.defaultBranch') };
  return (
    <Flex vertical gap="small">
      {nodes.map((node, i) => {
        const at = `${path}.${i}`;
        const tools = <NodeTools first={i === 0} last={i === nodes.length - 1} testId={`node-${at}`} onMove={(by) => onChange(moved(nodes, i, by))} onRemove={() => onChange(removed(nodes, i))} />;
        const set = (next: FlowNode) => onChange(replaced(nodes, i, next));
        return node.type === 'branch' ? (
          <BranchCard key={node.id} node={node} path={at} controls={controls} tools={tools} onChange={set} />
        ) : (
          <NodeCard key={node.id} node={node} path={at} tools={tools} onChange={set} />
        );
      })}
      <Dropdown
        trigger={['click']}
        menu={{
          items: (['approver', 'cc', 'branch'] as const).map((type) => ({
            key: type,
            label: <span data-testid={`add-node-${path}-${type}`}>{t(type === 'approver' ? 'approvals.editor.addApprover' : type === 'cc' ? 'approvals.editor.addCc' : 'approvals.editor.addBranch')}</span>,
          })),
          onClick: ({ key }) => onChange([...nodes, newNode(key as FlowNode['type'], names)]),
        }}
      >
        <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'start' }} data-testid={`add-node-${path}`}>
          {t('approvals.editor.addNode')}
        </Button>
      </Dropdown>
    </Flex>
  );
}
