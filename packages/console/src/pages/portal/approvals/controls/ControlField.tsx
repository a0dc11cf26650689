import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CellControl, Control } from '@orgdesk/contracts';
import { Button, Card, Flex, Form, Input, Typography, type FormRule } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../approvals/shared/display';
import { DateRangeInput } from './DateRangeInput';
import { AttachmentsInput } from './AttachmentsInput';
import { BankAccountInput, DateInput, MoneyInput, NumberInput, SelectorInput } from './inputs';
import { PortalDepartmentSelect, PortalMemberSelect } from './pickers';

type Name = (string | number)[];
type Row = Record<string, unknown>;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The input for one control, its value in the API's shape. */
function inputFor(control: CellControl, testId: string): ReactNode {
  const placeholder = control.placeholder || undefined;
  switch (control.type) {
    case 'Text':
      return <Input maxLength={200} placeholder={placeholder} data-testid={testId} />;
    case 'Textarea':
      return <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 10 }} placeholder={placeholder} data-testid={testId} />;
    case 'Number':
      return <NumberInput placeholder={placeholder} testId={testId} />;
    case 'Money':
      return <MoneyInput placeholder={placeholder} testId={testId} />;
    case 'Date':
      return <DateInput withTime={control.withTime} placeholder={placeholder} testId={testId} />;
    case 'DateRange':
      return <DateRangeInput unit={control.unit} testId={testId} />;
    case 'Selector':
      return <SelectorInput multi={control.multi} options={control.options} placeholder={placeholder} testId={testId} />;
    case 'Contact':
      return <PortalMemberSelect multi={control.multi} placeholder={placeholder} testId={testId} />;
    case 'Department':
      return <PortalDepartmentSelect multi={control.multi} testId={testId} />;
    case 'File':
      return <AttachmentsInput testId={testId} />;
    case 'BankAccount':
      return <BankAccountInput testId={testId} />;
  }
}

/** One control of an apply form, at `name` (['form', id], or [row, id] inside a table). */
export function ControlField({ control, name, testId }: { control: Control; name: Name; testId: string }) {
  const { t } = useTranslation();
  if (control.type === 'Table') return <TableField control={control} name={name} testId={testId} />;
  const rules: FormRule[] = control.required
    ? [{ required: true, validator: async (_rule, value: unknown) => {
        if (isEmpty(value)) throw new Error(t('validation.required'));
      } }]
    : [];
  return (
    <Form.Item name={name} label={control.title} rules={rules}>
      {inputFor(control, testId)}
    </Form.Item>
  );
}

/** 明细: rows of the table's column controls, added and removed freely, with a running total of each Money column. */
function TableField({ control, name, testId }: { control: Extract<Control, { type: 'Table' }>; name: Name; testId: string }) {
  const { t } = useTranslation();
  const rows = (Form.useWatch(name) as Row[] | undefined) ?? [];
  const moneyColumns = control.columns.filter((c) => c.type === 'Money');
  const rules = control.required
    ? [{ validator: async (_rule: unknown, value: unknown) => {
        if (isEmpty(value)) throw new Error(t('validation.required'));
      } }]
    : [];
  return (
    <Form.Item label={control.title} required={control.required}>
      <Form.List name={name} rules={rules}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap="small" data-testid={testId}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t('approvals.detail.rows', { index: index + 1 })}
                extra={
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} data-testid={`${testId}-remove-${index}`}>
                    {t('approvals.portal.removeRow')}
                  </Button>
                }
                data-testid={`${testId}-row-${index}`}
              >
                {control.columns.map((column) => (
                  <ControlField key={column.id} control={column} name={[field.name, column.id]} testId={`${testId}-${index}-${column.id}`} />
                ))}
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'start' }} data-testid={`${testId}-add`}>
              {t('approvals.portal.addRow')}
            </Button>
            <Form.ErrorList errors={errors} />
            {moneyColumns.map((column) => (
              <Typography.Text strong key={column.id} data-testid={`${testId}-total-${column.id}`}>
                {t('approvals.portal.tableTotal', { title: column.title, amount: formatYuan({ yuan: rows.reduce((sum, row) => sum + (Number(row?.[column.id]) || 0), 0) }) })}
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
