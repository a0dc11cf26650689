import { builtinRoleKeys, type Role } from '@orgdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/useMyAccess';
import { DepartmentIdsField } from '../../directory/DepartmentIdsField';
import { useTags } from '../../directory/useTags';

/** Department ids chosen from the directory tree. */
export function DepartmentIdsInput({ value = [], onChange, testId }: { value?: number[]; onChange: (ids: number[]) => void; testId: string }) {
  const { t } = useTranslation();
  return <DepartmentIdsField value={value} onChange={onChange} testId={testId} placeholder={t('approvals.editor.pickDepartments')} />;
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
