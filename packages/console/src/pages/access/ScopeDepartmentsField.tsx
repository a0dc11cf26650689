import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentPicker, type PickedDepartment } from '../directory/DepartmentPicker';

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Names of the departments chosen so far (the form keeps them: the value holds only ids). */
  names: Map<number, string>;
  onPicked: (departments: PickedDepartment[]) => void;
  /** One department (the explain tool's target) or several (a scope). */
  multiple?: boolean;
  placeholder: string;
  testId: string;
}

/** Looks like a select; opening it shows the lazy department tree instead of a dropdown. */
export function ScopeDepartmentsField({ value = [], onChange, names, onPicked, multiple = true, placeholder, testId }: Props) {
  const [picking, setPicking] = useState(false);
  const initial: PickedDepartment[] = value.map((id) => ({ id, name: names.get(id) ?? `#${id}` }));
  return (
    <>
      <Select<number[]>
        mode="multiple"
        open={false}
        value={value}
        options={initial.map((d) => ({ value: d.id, label: d.name }))}
        placeholder={placeholder}
        onOpenChange={(open) => open && setPicking(true)}
        onChange={(ids) => onChange?.(ids)}
        showSearch={false}
        data-testid={testId}
      />
      <DepartmentPicker
        open={picking}
        multiple={multiple}
        initial={initial}
        onOk={(picked) => {
          onPicked(picked);
          onChange?.(picked.map((d) => d.id));
          setPicking(false);
        }}
        onCancel={() => setPicking(false)}
      />
    </>
  );
}

/** The same field for a single department; its value is one id. */
export function SingleDepartmentField({ value, onChange, ...props }: Omit<Props, 'value' | 'onChange' | 'multiple'> & { value?: number; onChange?: (id: number | undefined) => void }) {
  return <ScopeDepartmentsField {...props} multiple={false} value={value === undefined ? [] : [value]} onChange={(ids) => onChange?.(ids[ids.length - 1])} />;
}

/** Keeps the names of picked departments for a field whose value holds only ids. */
export function useDepartmentNamesState(initial: { id: number; name: string | null }[] = []) {
  const { t } = useTranslation();
  const [names, setNames] = useState(() => new Map(initial.map((d) => [d.id, d.name ?? t('access.scope.deletedDepartment', { id: d.id })])));
  const remember = (picked: PickedDepartment[]) => setNames((current) => new Map([...current, ...picked.map((d) => [d.id, d.name] as const)]));
  return [names, remember] as const;
}
