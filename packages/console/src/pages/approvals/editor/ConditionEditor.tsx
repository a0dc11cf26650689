import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConditionClause } from '@orgdesk/contracts';
import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { newClause, removed, replaced, type ConditionField } from './draft';
import { DepartmentIdsInput } from './pickers';

const numberOps = ['lt', 'lte', 'gt', 'gte', 'eq', 'between'] as const;
type NumberOp = (typeof numberOps)[number];

/** One clause: a field, how it compares, and the value (a number or a range, options, or departments). */
function ClauseRow({ clause, fields, testId, onChange, onRemove }: { clause: ConditionClause; fields: ConditionField[]; testId: string; onChange: (clause: ConditionClause) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.field === clause.field);
  const fieldOptions = fields.map((f) => ({ value: f.field, label: f.label }));
  if (!field) fieldOptions.push({ value: clause.field, label: clause.field });
  const setNumberOp = (op: NumberOp) => {
    const current = clause.op === 'between' ? clause.value[0] : typeof clause.value === 'number' ? clause.value : 0;
    onChange(op === 'between' ? { field: clause.field, op, value: [current, current] } : { field: clause.field, op, value: current });
  };
  return (
    <Flex gap="small" align="center" wrap data-testid={testId}>
      <Select
        value={clause.field}
        options={fieldOptions}
        onChange={(name: string) => {
          const next = fields.find((f) => f.field === name);
          if (next) onChange(newClause(next));
        }}
        style={{ minWidth: 220 }}
        data-testid={`${testId}-field`}
      />
      {field?.kind === 'number' || (!field && clause.op !== 'in' && clause.op !== 'under') ? (
        <>
          <Select<NumberOp> value={clause.op as NumberOp} onChange={setNumberOp} options={numberOps.map((op) => ({ value: op, label: t(`approvals.editor.op.${op}`) }))} style={{ width: 120 }} data-testid={`${testId}-op`} />
          {clause.op === 'between' ? (
            <>
              <InputNumber value={clause.value[0]} onChange={(v) => onChange({ ...clause, value: [v ?? 0, clause.value[1]] })} data-testid={`${testId}-from`} />
              <span>~</span>
              <InputNumber value={clause.value[1]} onChange={(v) => onChange({ ...clause, value: [clause.value[0], v ?? 0] })} data-testid={`${testId}-to`} />
              <Typography.Text type="secondary">{t('approvals.editor.betweenHelp')}</Typography.Text>
            </>
          ) : (
            <InputNumber value={clause.value as number} onChange={(v) => onChange({ ...clause, value: v ?? 0 } as ConditionClause)} data-testid={`${testId}-value`} />
          )}
        </>
      ) : clause.op === 'in' ? (
        <>
          <span>{t('approvals.editor.op.in')}</span>
          <Select<string[]>
            mode="multiple"
            value={clause.value}
            onChange={(value) => onChange({ ...clause, value })}
            options={(field?.options ?? []).map((o) => ({ value: o.key, label: o.text }))}
            style={{ minWidth: 220 }}
            data-testid={`${testId}-options`}
          />
        </>
      ) : clause.op === 'under' ? (
        <>
          <span>{t('approvals.editor.op.under')}</span>
          <DepartmentIdsInput value={clause.value} onChange={(value) => onChange({ ...clause, value })} testId={`${testId}-departments`} />
        </>
      ) : null}
      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('approvals.editor.remove')} />
    </Flex>
  );
}

/** A branch's conditions: all must hold for the branch to be taken. */
export function ConditionEditor({ clauses, fields, testId, onChange }: { clauses: ConditionClause[]; fields: ConditionField[]; testId: string; onChange: (clauses: ConditionClause[]) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6}>
      {clauses.map((clause, i) => (
        <ClauseRow key={i} clause={clause} fields={fields} testId={`${testId}-${i}`} onChange={(next) => onChange(replaced(clauses, i, next))} onRemove={() => onChange(removed(clauses, i))} />
      ))}
      <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'start' }} onClick={() => onChange([...clauses, newClause(fields[0]!)])} data-testid={`${testId}-add`}>
        {t('approvals.editor.addCondition')}
      </Button>
    </Flex>
  );
}
