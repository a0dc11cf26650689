import type { CellControl, Control } from '@orgdesk/contracts';
import { Descriptions, Table, Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from './display';

type Row = Record<string, unknown>;

/** The request's attachments by id and where each downloads from (the portal's or the admin's route). */
export const AttachmentLinks = createContext<{ names: Map<string, string>; href(id: string): string }>({ names: new Map(), href: () => '#' });

/** Names of the members (by lower-case userid) and departments (by id) the form refers to. */
export const ReferenceNames = createContext<{ members: Map<string, string>; departments: Map<number, string> }>({ members: new Map(), departments: new Map() });

/** Attachments as download links, named as uploaded. */
function FileLinks({ ids }: { ids: string[] }) {
  const { names, href } = useContext(AttachmentLinks);
  return (
    <>
      {ids.map((id) => (
        <Typography.Link key={id} href={href(id)} download style={{ display: 'block' }} data-testid="form-view-file">
          {names.get(id) ?? id}
        </Typography.Link>
      ))}
    </>
  );
}

/** One value as text: option keys become their texts, money gets ¥, halves become 上午/下午. */
function CellValue({ control, value }: { control: CellControl | Control; value: unknown }): ReactNode {
  const { t } = useTranslation();
  const empty = <Typography.Text type="secondary">{t('approvals.detail.empty')}</Typography.Text>;
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return empty;
  const names = useContext(ReferenceNames);
  const list = (items: unknown[]) => items.map(String).join(t('common.separator'));
  switch (control.type) {
    case 'Money':
      return `¥${formatYuan({ yuan: value })}`;
    case 'Date':
      return String(value).replace('T', ' ');
    case 'DateRange': {
      const range = value as { start: string; end: string; startHalf?: 'am' | 'pm'; endHalf?: 'am' | 'pm' };
      const half = (h?: 'am' | 'pm') => (h ? ` ${h === 'am' ? t('approvals.detail.halfAm') : t('approvals.detail.halfPm')}` : '');
      return `${range.start.replace('T', ' ')}${half(range.startHalf)} ~ ${range.end.replace('T', ' ')}${half(range.endHalf)}`;
    }
    case 'Selector':
      return list((value as string[]).map((key) => control.options.find((o) => o.key === key)?.text ?? key));
    case 'Department':
      return list((value as number[]).map((id) => names.departments.get(id) ?? `#${id}`));
    case 'Contact':
      return list((value as string[]).map((userid) => names.members.get(userid.toLowerCase()) ?? userid));
    case 'File':
      return <FileLinks ids={value as string[]} />;
    case 'BankAccount': {
      const account = value as { bankName: string; accountName: string; accountNumber: string };
      return (
        <span style={{ whiteSpace: 'pre-line' }}>
          {`${t('approvals.detail.bankName')}：${account.bankName}\n${t('approvals.detail.accountName')}：${account.accountName}\n${t('approvals.detail.accountNumber')}：${account.accountNumber}`}
        </span>
      );
    }
    case 'Table':
      return <TableValue control={control} rows={value as Row[]} />;
    default:
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value as string | number)}</span>;
  }
}

/** A 明细 as a small table, with the total of each Money column under it. */
function TableValue({ control, rows }: { control: Extract<Control, { type: 'Table' }>; rows: Row[] }) {
  const { t } = useTranslation();
  const moneyColumns = control.columns.filter((c) => c.type === 'Money');
  return (
    <>
      <Table<Row & { index: number }>
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={rows.map((row, index) => ({ ...row, index }))}
        columns={control.columns.map((column) => ({ key: column.id, title: column.title, render: (_, row) => <CellValue control={column} value={row[column.id]} /> }))}
        data-testid={`form-view-table-${control.id}`}
      />
      {moneyColumns.map((column) => (
        <Typography.Text strong key={column.id} style={{ display: 'block', marginTop: 8 }} data-testid={`form-view-total-${column.id}`}>
          {t('approvals.portal.tableTotal', { title: column.title, amount: formatYuan({ yuan: rows.reduce((sum, row) => sum + (Number(row[column.id]) || 0), 0) }) })}
        </Typography.Text>
      ))}
    </>
  );
}

/** A submitted form, read-only, in the template's order of controls. */
export function FormView({ controls, form }: { controls: Control[]; form: Record<string, unknown> }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 160 } }}
      data-testid="form-view"
      items={controls.map((control) => ({
        key: control.id,
        label: control.title,
        children: (
          <div data-testid={`form-view-${control.id}`}>
            <CellValue control={control} value={form[control.id]} />
          </div>
        ),
      }))}
    />
  );
}
