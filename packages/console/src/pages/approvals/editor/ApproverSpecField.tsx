import type { ApproverSpec } from '@orgdesk/contracts';
import { Flex, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MemberSelect } from '../../directory/MemberSelect';
import { newSpec } from './draft';
import { RoleSelect, TagSelect } from './pickers';

const kinds: ApproverSpec['kind'][] = ['members', 'role', 'tag', 'leader', 'leaders_up_to', 'applicant_choice'];

/** Who approves (or is copied) at a node: named members, a role, a tag, leaders N levels up, or whom the applicant picks. */
export function ApproverSpecField({ spec, onChange, cc, testId }: { spec: ApproverSpec; onChange: (spec: ApproverSpec) => void; cc: boolean; testId: string }) {
  const { t } = useTranslation();
  // Consecutive leaders make one step per level: that is an approval route, not a list of people to copy.
  const offered = cc ? kinds.filter((k) => k !== 'leaders_up_to') : kinds;
  return (
    <Flex gap="small" align="center" wrap data-testid={testId}>
      <span>{cc ? t('approvals.editor.recipientKind') : t('approvals.editor.approverKind')}</span>
      <Select<ApproverSpec['kind']>
        value={spec.kind}
        onChange={(kind) => onChange(newSpec(kind))}
        options={offered.map((kind) => ({ value: kind, label: t(`approvals.editor.kind.${kind}`) }))}
        style={{ width: 200 }}
        data-testid={`${testId}-kind`}
      />
      {spec.kind === 'members' && (
        <MemberSelect value={spec.userids} onChange={(userids) => onChange({ kind: 'members', userids })} placeholder={t('approvals.editor.members')} style={{ minWidth: 280 }} testId={`${testId}-members`} />
      )}
      {spec.kind === 'role' && <RoleSelect value={spec.roleId} onChange={(roleId) => onChange({ kind: 'role', roleId })} testId={`${testId}-role`} />}
      {spec.kind === 'tag' && <TagSelect value={spec.tagId} onChange={(tagId) => onChange({ kind: 'tag', tagId })} testId={`${testId}-tag`} />}
      {(spec.kind === 'leader' || spec.kind === 'leaders_up_to') && (
        <>
          <span>{t('approvals.editor.level')}</span>
          <InputNumber min={1} max={20} precision={0} value={spec.level} onChange={(level) => onChange({ kind: spec.kind, level: level ?? 1 })} data-testid={`${testId}-level`} />
          <Typography.Text type="secondary">{spec.kind === 'leader' ? t('approvals.editor.levelHelp') : t('approvals.editor.upToHelp')}</Typography.Text>
        </>
      )}
    </Flex>
  );
}
