import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CellControl, Control } from '@orgdesk/contracts';
import { Button, Card, Checkbox, Flex, Input, Select, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { AddControlButton } from './AddControlButton';
import { newColumn, moved, removed, replaced } from './draft';
import { FieldErrors } from './errors';

interface Props<C extends Control | CellControl> {
  control: C;
  index: number;
  count: number;
  /** Where the control is in the template ('controls.2', 'controls.0.columns.1'), for its errors and test ids. */
  path: string;
  onChange: (control: C) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One control of the form builder: title, hint, required, and what its type needs (options, columns, unit). */
export function ControlCard<C extends Control | CellControl>({ control, index, count, path, onChange, onMove, onRemove }: Props<C>) {
  const { t } = useTranslation();
  const set = (patch: Partial<Control>) => onChange({ ...control, ...patch } as C);
  const testId = `control-${path}`;
  return (
    <Card
      size="small"
      data-testid={testId}
      data-control-id={control.id}
      title={
        <Flex gap="small" align="center">
          <Tag color="blue">{t(`approvals.editor.controlType.${control.type}`)}</Tag>
          <span>{control.title}</span>
        </Flex>
      }
      extra={
        <Flex gap={4}>
          <Tooltip title={t('approvals.editor.moveUp')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('approvals.editor.moveUp')} data-testid={`${testId}-up`} />
          </Tooltip>
          <Tooltip title={t('approvals.editor.moveDown')}>
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('approvals.editor.moveDown')} data-testid={`${testId}-down`} />
          </Tooltip>
          <Tooltip title={t('approvals.editor.remove')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('approvals.editor.remove')} data-testid={`${testId}-remove`} />
          </Tooltip>
        </Flex>
      }
    >
      <FieldErrors path={path} exclude={['columns']} />
      <Flex gap="small" wrap align="center">
        <span>{t('approvals.editor.title')}</span>
        <Input value={control.title} maxLength={40} onChange={(e) => set({ title: e.target.value })} aria-label={t('approvals.editor.title')} style={{ width: 220 }} data-testid={`${testId}-title`} />
        <span>{t('approvals.editor.placeholder')}</span>
        <Input value={control.placeholder} maxLength={80} onChange={(e) => set({ placeholder: e.target.value })} aria-label={t('approvals.editor.placeholder')} style={{ width: 240 }} />
        <Checkbox checked={control.required} onChange={(e) => set({ required: e.target.checked })} data-testid={`${testId}-required`}>
          {t('approvals.editor.required')}
        </Checkbox>
        {control.type === 'Date' && (
          <Checkbox checked={control.withTime} onChange={(e) => set({ withTime: e.target.checked } as Partial<Control>)}>
            {t('approvals.editor.withTime')}
          </Checkbox>
        )}
        {(control.type === 'Selector' || control.type === 'Contact' || control.type === 'Department') && (
          <Checkbox checked={control.multi} onChange={(e) => set({ multi: e.target.checked } as Partial<Control>)}>
            {t('approvals.editor.multi')}
          </Checkbox>
        )}
        {control.type === 'DateRange' && (
          <Select
            value={control.unit}
            onChange={(unit) => set({ unit } as Partial<Control>)}
            options={(['day', 'halfday', 'hour'] as const).map((unit) => ({ value: unit, label: `${t('approvals.editor.unit')}：${t(`approvals.editor.unitOption.${unit}`)}` }))}
            style={{ width: 240 }}
          />
        )}
      </Flex>
      {control.type === 'Selector' && <OptionsEditor options={control.options} onChange={(options) => set({ options } as Partial<Control>)} testId={`${testId}-options`} />}
      {control.type === 'Table' && <ColumnsEditor columns={control.columns} path={`${path}.columns`} onChange={(columns) => set({ columns } as Partial<Control>)} />}
    </Card>
  );
}

/** A Selector's options: the text each shows; keys are made once and kept, as conditions refer to them. */
function OptionsEditor({ options, onChange, testId }: { options: { key: string; text: string }[]; onChange: (options: { key: string; text: string }[]) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6} style={{ marginTop: 12 }} data-testid={testId}>
      {options.map((option, i) => (
        <Flex key={option.key} gap="small" align="center">
          <Input value={option.text} maxLength={40} placeholder={t('approvals.editor.optionText')} onChange={(e) => onChange(replaced(options, i, { ...option, text: e.target.value }))} style={{ width: 280 }} data-testid={`${testId}-${i}`} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={options.length === 1} onClick={() => onChange(removed(options, i))} aria-label={t('approvals.editor.remove')} />
        </Flex>
      ))}
      <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'start' }} onClick={() => onChange([...options, { key: `o${Date.now().toString(36)}${options.length}`, text: '' }])} data-testid={`${testId}-add`}>
        {t('approvals.editor.addOption')}
      </Button>
    </Flex>
  );
}

/** A table's columns: any control but another table. */
function ColumnsEditor({ columns, path, onChange }: { columns: CellControl[]; path: string; onChange: (columns: CellControl[]) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="small" style={{ marginTop: 12, paddingInlineStart: 16, borderInlineStart: '3px solid #e6f4ff' }}>
      <strong>{t('approvals.editor.columns')}</strong>
      {columns.map((column, i) => (
        <ControlCard<CellControl>
          key={column.id}
          control={column}
          index={i}
          count={columns.length}
          path={`${path}.${i}`}
          onChange={(next) => onChange(replaced(columns, i, next))}
          onMove={(by) => onChange(moved(columns, i, by))}
          onRemove={() => onChange(removed(columns, i))}
        />
      ))}
      <AddControlButton label={t('approvals.editor.addColumn')} withTable={false} testId={`add-column-${path}`} onAdd={(type, title, option) => onChange([...columns, newColumn(type as Exclude<typeof type, 'Table'>, title, option)])} />
    </Flex>
  );
}
