import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member, MemberStatus } from '../../api/types';
import { useDepartmentNames } from './useDepartments';

const statusColors: Record<MemberStatus, string> = { 1: 'green', 2: 'red', 4: 'orange', 5: 'default' };

export function StatusTag({ status, testId }: { status: MemberStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`directory.status.${status}`)}
    </Tag>
  );
}

/** A member's departments by name, the main one first; ids show until their names load. */
export function DepartmentNames({ member, leaderMark = false }: { member: Pick<Member, 'departments' | 'mainDepartment'>; leaderMark?: boolean }) {
  const { t } = useTranslation();
  const ordered = [...member.departments].sort((a, b) => Number(b.id === member.mainDepartment) - Number(a.id === member.mainDepartment));
  const names = useDepartmentNames(ordered.map((d) => d.id));
  return (
    <>
      {ordered
        .map((d) => {
          const name = names.get(d.id) ?? `#${d.id}`;
          return leaderMark && d.isLeader ? `${name}${t('directory.member.leaderSuffix')}` : name;
        })
        .join(t('directory.member.listSeparator'))}
    </>
  );
}
