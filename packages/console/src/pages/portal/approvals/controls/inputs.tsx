import { DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { stopEnterSubmit } from '../../../../components/stopEnterSubmit';

// Inputs whose value is already what the API takes for the control, so a form's values are sent as they are.

interface ValueProps<T> {
  value?: T;
  onChange?: (value: T | undefined) => void;
  testId: string;
  placeholder?: string;
}

/** Money: yuan with at most two decimals, kept as a string so no cent is lost to floating point. */
export function MoneyInput({ value, onChange, testId, placeholder }: ValueProps<string>) {
  return (
    <InputNumber<string>
      stringMode
      min="0"
      precision={2}
      prefix="¥"
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder}
      style={{ width: '100%', maxWidth: 240 }}
      data-testid={testId}
    />
  );
}

/** A plain number. */
export function NumberInput({ value, onChange, testId, placeholder }: ValueProps<number>) {
  return <InputNumber<number> value={value} onChange={(v) => onChange?.(v ?? undefined)} placeholder={placeholder} style={{ width: '100%', maxWidth: 240 }} data-testid={testId} />;
}

/** A date ('YYYY-MM-DD'), or with time ('YYYY-MM-DDTHH:mm') as the server stores it. */
export function DateInput({ value, onChange, testId, placeholder, withTime }: ValueProps<string> & { withTime: boolean }) {
  const { t } = useTranslation();
  const format = withTime ? 'YYYY-MM-DDTHH:mm' : 'YYYY-MM-DD';
  return (
    <div onKeyDown={stopEnterSubmit} style={{ display: 'inline-block' }}>
      <DatePicker
        showTime={withTime ? { format: 'HH:mm' } : false}
        format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
        value={value ? dayjs(value) : null}
        onChange={(d) => onChange?.(d ? d.format(format) : undefined)}
        placeholder={placeholder || t('approvals.portal.datePlaceholder')}
        data-testid={testId}
      />
    </div>
  );
}

/** Option keys, always a list (the API's shape), whether one or several may be chosen. */
export function SelectorInput({ value, onChange, testId, placeholder, multi, options }: ValueProps<string[]> & { multi: boolean; options: { key: string; text: string }[] }) {
  const { t } = useTranslation();
  const items = options.map((o) => ({ value: o.key, label: o.text, title: o.text }));
  return multi ? (
    <Select<string[]> mode="multiple" value={value ?? []} onChange={(keys) => onChange?.(keys)} options={items} placeholder={placeholder || t('approvals.portal.selectPlaceholder')} style={{ minWidth: 200 }} data-testid={testId} />
  ) : (
    <Select<string>
      value={value?.[0]}
      onChange={(key) => onChange?.(key === undefined ? undefined : [key])}
      allowClear
      options={items}
      placeholder={placeholder || t('approvals.portal.selectPlaceholder')}
      style={{ minWidth: 160 }}
      data-testid={testId}
    />
  );
}

type BankAccount = { bankName: string; accountName: string; accountNumber: string };

/** 收款账户: bank, account name and number; left out of the form while all three are empty. */
export function BankAccountInput({ value, onChange, testId }: ValueProps<BankAccount>) {
  const { t } = useTranslation();
  const current = value ?? { bankName: '', accountName: '', accountNumber: '' };
  const set = (patch: Partial<BankAccount>) => {
    const next = { ...current, ...patch };
    onChange?.(next.bankName || next.accountName || next.accountNumber ? next : undefined);
  };
  return (
    <Flex gap="small" wrap data-testid={testId}>
      <Input value={current.bankName} onChange={(e) => set({ bankName: e.target.value })} placeholder={t('approvals.portal.bankName')} maxLength={100} style={{ width: 200 }} data-testid={`${testId}-bank`} />
      <Input value={current.accountName} onChange={(e) => set({ accountName: e.target.value })} placeholder={t('approvals.portal.accountName')} maxLength={100} style={{ width: 160 }} data-testid={`${testId}-name`} />
      <Input value={current.accountNumber} onChange={(e) => set({ accountNumber: e.target.value })} placeholder={t('approvals.portal.accountNumber')} maxLength={40} style={{ width: 240 }} data-testid={`${testId}-number`} />
    </Flex>
  );
}
