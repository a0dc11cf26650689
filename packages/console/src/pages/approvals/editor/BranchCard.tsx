import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BranchNode, Control } from '@orgdesk/contracts';
import { Button, Card, Flex, Input, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionEditor } from './ConditionEditor';
import { conditionFields, removed, replaced } from './draft';
import { FieldErrors } from './errors';
import { NodeList } from './NodeList';

type Branch = BranchNode['branches'][number];

interface Props {
  node: BranchNode;
  path: string;
  controls: Control[];
  tools: ReactNode;
  onChange: (node: BranchNode) => void;
}

/** 条件分支: branches tried in order, each with its conditions and its own steps; the last is the default. */
export function BranchCard({ node, path, controls, tools, onChange }: Props) {
  const { t } = useTranslation();
  const fields = conditionFields(controls, {
    sumOf: (table, column) => t('approvals.editor.sumOf', { table, column }),
    daysOf: (title) => t('approvals.editor.daysOf', { title }),
    department: t('approvals.editor.applicantDepartment'),
  });
  const setBranch = (i: number, branch: Branch) => onChange({ ...node, branches: replaced(node.branches, i, branch) });
  // A new conditional branch goes before the last one, which stays the default.
  const addBranch = () => {
    const at = Math.max(node.branches.length - 1, 0);
    const branch: Branch = { name: `${t('approvals.editor.branch')} ${at + 1}`, when: [], nodes: [] };
    onChange({ ...node, branches: [...node.branches.slice(0, at), branch, ...node.branches.slice(at)] });
  };
  return (
    <Card
      size="small"
      data-testid={`node-${path}`}
      data-node-type="branch"
      style={{ borderInlineStart: '3px solid #52c41a' }}
      title={<Tag color="green">{t('approvals.editor.branchNode')}</Tag>}
      extra={tools}
    >
      <FieldErrors path={path} exclude={['branches']} />
      <Flex vertical gap="small">
        {node.branches.map((branch, i) => {
          const at = `${path}.branches.${i}`;
          return (
            <Card
              key={i}
              size="small"
              type="inner"
              data-testid={`branch-${at}`}
              title={
                <Flex gap="small" align="center">
                  <Input value={branch.name} maxLength={40} onChange={(e) => setBranch(i, { ...branch, name: e.target.value })} aria-label={t('approvals.editor.branchName')} style={{ maxWidth: 240 }} data-testid={`branch-${at}-name`} />
                  {branch.when === null && <Tag>{t('approvals.editor.defaultBranch')}</Tag>}
                </Flex>
              }
              extra={
                <Flex gap={4}>
                  {branch.when === null ? (
                    <Button size="small" onClick={() => setBranch(i, { ...branch, when: [] })} data-testid={`branch-${at}-conditional`}>
                      {t('approvals.editor.makeConditional')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => setBranch(i, { ...branch, when: null })} data-testid={`branch-${at}-default`}>
                      {t('approvals.editor.makeDefault')}
                    </Button>
                  )}
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange({ ...node, branches: removed(node.branches, i) })} aria-label={t('approvals.editor.remove')} data-testid={`branch-${at}-remove`} />
                </Flex>
              }
            >
              <FieldErrors path={at} exclude={['nodes']} />
              {branch.when !== null && <ConditionEditor clauses={branch.when} fields={fields} testId={`branch-${at}-when`} onChange={(when) => setBranch(i, { ...branch, when })} />}
              <div style={{ marginTop: 12 }}>
                {branch.nodes.length === 0 && <Typography.Text type="secondary">{t('approvals.editor.emptyBranch')}</Typography.Text>}
                <NodeList nodes={branch.nodes} path={`${at}.nodes`} controls={controls} onChange={(nodes) => setBranch(i, { ...branch, nodes })} />
              </div>
            </Card>
          );
        })}
        <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'start' }} onClick={addBranch} data-testid={`node-${path}-add-branch`}>
          {t('approvals.editor.addBranchItem')}
        </Button>
      </Flex>
    </Card>
  );
}
