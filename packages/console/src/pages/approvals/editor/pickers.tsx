import { builtinRoleKeys, type Role } from '@orgdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/useMyAccess';
import { DepartmentPicker } from '../../directory/DepartmentPicker';
import { useDepartmentNames } from '../../directory/useDepartments';
import { useTags } from '../../directory/useTags';

/** Department ids chosen from the directory tree; ids the picker did not name are looked up. */
export function DepartmentIdsInput({ value = [], onChange, testId }: { value?: number[]; onChange: (ids: number[]) => void; testId: string }) {
  const { t } = useTranslation();
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
        placeholder={t('approvals.editor.pickDepartments')}
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

/** An admin role: the built-in ones always, custom roles when the admin may read them (access.view). */
export function RoleSelect({ value, onChange, testId }: { value: string; onChange: (roleId: string) => void; testId: string }) {
  const { t } = useTranslation();
  const mayRead = useCan('access.view');
  const roles = useQuery({ queryKey: ['approvals', 'roles'], queryFn: () => api.get<{ items: Role[] }>('/access/roles').then((r) => r.items), enabled: mayRead });
  const options = builtinRoleKeys.filter((key) => key !== 'super_admin').map((key) => ({ value: key as string, label: t(`access.roleName.${key}`) }));
  for (const role of roles.data ?? []) if (!role.builtin) options.push({ value: role.id, label: role.name });
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return <Select value={value || undefined} onChange={onChange} options={options} showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 200 }} data-testid={testId} />;
}

/** One tag of the directory. */
export function TagSelect({ value, onChange, testId }: { value: number; onChange: (tagId: number) => void; testId: string }) {
  const tags = useTags();
  const options = (tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }));
  if (value > 0 && !options.some((o) => o.value === value)) options.push({ value, label: `#${value}` });
  return <Select<number> value={value > 0 ? value : undefined} onChange={onChange} options={options} loading={tags.isFetching} showSearch={{ optionFilterProp: 'label' }} style={{ minWidth: 200 }} data-testid={testId} />;
}
