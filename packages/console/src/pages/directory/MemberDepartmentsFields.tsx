import { Checkbox, Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentPicker, type PickedDepartment } from './DepartmentPicker';
import type { MemberFormValues } from './memberForm';
import { useDepartmentNames } from './useDepartments';

interface ChooserProps {
  value?: number[];
  onChange?: (ids: number[]) => void;
  names: Map<number, string>;
}

/** Looks like a multiple select; opening it shows the department picker instead of a dropdown. */
function DepartmentsChooser({ value = [], onChange, names }: ChooserProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const initial: PickedDepartment[] = value.map((id) => ({ id, name: names.get(id) ?? `#${id}` }));
  return (
    <>
      <Select<number[]>
        mode="multiple"
        open={false}
        value={value}
        options={initial.map((d) => ({ value: d.id, label: d.name }))}
        placeholder={t('directory.member.chooseDepartments')}
        onOpenChange={(open) => open && setPicking(true)}
        onChange={(ids) => onChange?.(ids)}
        showSearch={false}
        data-testid="member-form-departments"
      />
      <DepartmentPicker
        open={picking}
        multiple
        initial={initial}
        onOk={(picked) => {
          onChange?.(picked.map((d) => d.id));
          setPicking(false);
        }}
        onCancel={() => setPicking(false)}
      />
    </>
  );
}

/** Departments (chosen in the tree), which of them the member leads, and the main one. */
export function MemberDepartmentsFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<MemberFormValues>();
  const ids = Form.useWatch('departmentIds', form) ?? [];
  const names = useDepartmentNames(ids);
  const options = ids.map((id) => ({ value: id, label: names.get(id) ?? `#${id}` }));

  const keepConsistent = (next: number[]) => {
    // Leaderships and the main department only make sense among the chosen departments.
    const leaderOf = (form.getFieldValue('leaderOf') as number[] | undefined) ?? [];
    const main = form.getFieldValue('mainDepartment') as number | undefined;
    form.setFieldsValue({
      leaderOf: leaderOf.filter((id) => next.includes(id)),
      mainDepartment: main !== undefined && next.includes(main) ? main : next[0],
    });
  };

  return (
    <>
      <Form.Item
        name="departmentIds"
        label={t('directory.member.departments')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.departments') }]}
      >
        <DepartmentsChooser names={names} onChange={keepConsistent} />
      </Form.Item>
      {ids.length > 0 && (
        <>
          <Form.Item name="leaderOf" label={t('directory.member.leaderOf')}>
            <Checkbox.Group options={options} data-testid="member-form-leaders" />
          </Form.Item>
          <Form.Item name="mainDepartment" label={t('directory.member.mainDepartment')}>
            <Select<number> options={options} data-testid="member-form-main-department" />
          </Form.Item>
        </>
      )}
    </>
  );
}
