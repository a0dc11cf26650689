import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { approvalModes, type ApproverNode, type CcNode } from '@orgdesk/contracts';
import { Button, Card, Flex, Input, Radio, Select, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApproverSpecField } from './ApproverSpecField';
import { FieldErrors } from './errors';
import { TimeLimitField } from './TimeLimitField';

/** Move up / down / remove, shared by every node card. */
export function NodeTools({ first, last, testId, onMove, onRemove }: { first: boolean; last: boolean; testId: string; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4}>
      <Tooltip title={t('approvals.editor.moveUp')}>
        <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={first} onClick={() => onMove(-1)} aria-label={t('approvals.editor.moveUp')} />
      </Tooltip>
      <Tooltip title={t('approvals.editor.moveDown')}>
        <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={last} onClick={() => onMove(1)} aria-label={t('approvals.editor.moveDown')} />
      </Tooltip>
      <Tooltip title={t('approvals.editor.remove')}>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('approvals.editor.remove')} data-testid={`${testId}-remove`} />
      </Tooltip>
    </Flex>
  );
}

interface Props {
  node: ApproverNode | CcNode;
  path: string;
  tools: ReactNode;
  onChange: (node: ApproverNode | CcNode) => void;
}

/** The approver node with its time limit set, or without one (the key left out, as the API reads "none"). */
function withTimeLimit(node: ApproverNode, timeLimit: ApproverNode['timeLimit']): ApproverNode {
  const { timeLimit: _previous, ...rest } = node;
  return timeLimit ? { ...rest, timeLimit } : rest;
}

/** An approver node (who, 或签 / 会签 / 依次, and 限时处理) or a cc node (who, and when they are copied). */
export function NodeCard({ node, path, tools, onChange }: Props) {
  const { t } = useTranslation();
  const testId = `node-${path}`;
  return (
    <Card
      size="small"
      data-testid={testId}
      data-node-type={node.type}
      style={{ borderInlineStart: `3px solid ${node.type === 'approver' ? '#fa8c16' : '#1677ff'}` }}
      title={
        <Flex gap="small" align="center">
          <Tag color={node.type === 'approver' ? 'orange' : 'blue'}>{node.type === 'approver' ? t('approvals.editor.approverNode') : t('approvals.editor.ccNode')}</Tag>
          <Input value={node.name} maxLength={40} onChange={(e) => onChange({ ...node, name: e.target.value })} aria-label={t('approvals.editor.nodeName')} style={{ maxWidth: 260 }} data-testid={`${testId}-name`} />
        </Flex>
      }
      extra={tools}
    >
      <FieldErrors path={path} />
      <Flex vertical gap="small">
        {node.type === 'approver' ? (
          <>
            <ApproverSpecField spec={node.approvers} cc={false} onChange={(approvers) => onChange({ ...node, approvers })} testId={`${testId}-spec`} />
            <Flex gap="small" align="center" wrap>
              <span>{t('approvals.editor.approvalMode')}</span>
              <Radio.Group
                value={node.mode}
                onChange={(e) => onChange({ ...node, mode: e.target.value as ApproverNode['mode'] })}
                options={approvalModes.map((mode) => ({ value: mode, label: <Tooltip title={t(`approvals.modeHelp.${mode}`)}>{t(`approvals.mode.${mode}`)}</Tooltip> }))}
              />
            </Flex>
            <TimeLimitField value={node.timeLimit} onChange={(timeLimit) => onChange(withTimeLimit(node, timeLimit))} testId={`${testId}-time-limit`} />
          </>
        ) : (
          <>
            <ApproverSpecField spec={node.recipients} cc onChange={(recipients) => onChange({ ...node, recipients })} testId={`${testId}-spec`} />
            <Flex gap="small" align="center">
              <span>{t('approvals.editor.ccWhen')}</span>
              <Select
                value={node.when}
                onChange={(when) => onChange({ ...node, when })}
                options={(['submit', 'finish', 'both'] as const).map((when) => ({ value: when, label: t(`approvals.editor.ccWhenOption.${when}`) }))}
                style={{ width: 200 }}
              />
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}
