import { Select } from 'antd';
import { useState } from 'react';
import { DepartmentPicker } from './DepartmentPicker';
import { useDepartmentNames } from './useDepartments';

/** Departments by id, chosen from the directory tree; names are looked up for ids the picker did not name. */
export function DepartmentIdsField({ value = [], onChange, testId, placeholder }: { value?: number[]; onChange: (ids: number[]) => void; testId: string; placeholder: string }) {
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState(new Map<number, string>());
  const loaded = useDepartmentNames(value.filter((id) => !picked.has(id)));
  const nameOf = (id: number) => picked.get(id) ?? loaded.get(id) ?? `#${id}`;
  return (
    <>
      <Select<number[]>
        mode="multiple"
        open={false}
        value={value}
        options={value.map((id) => ({ value: id, label: nameOf(id) }))}
        placeholder={placeholder}
        onOpenChange={(open) => open && setPicking(true)}
        onChange={onChange}
        showSearch={false}
        style={{ minWidth: 240 }}
        data-testid={testId}
      />
      <DepartmentPicker
        open={picking}
        multiple
        initial={value.map((id) => ({ id, name: nameOf(id) }))}
        onOk={(departments) => {
          setPicked(new Map([...picked, ...departments.map((d) => [d.id, d.name] as const)]));
          onChange(departments.map((d) => d.id));
          setPicking(false);
        }}
        onCancel={() => setPicking(false)}
      />
    </>
  );
}
