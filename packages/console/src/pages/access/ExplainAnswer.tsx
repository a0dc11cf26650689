import { isScopedPermission, type ExplainResult } from '@orgdesk/contracts';
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssignmentStatus, memberLabel, permissionLabel, roleLabel, ScopeSummary } from './accessDisplay';
import type { NamedQuestion } from './useExplain';

type Verdict = ExplainResult['assignments'][number]['verdict'];

const verdictColors: Record<Verdict, string> = {
  allows: 'green',
  pending: 'orange',
  role_lacks_permission: 'default',
  target_outside_scope: 'red',
  member_inactive: 'default',
};

/** 允许 or 拒绝, in a sentence, then every assignment of the admin with why it does or does not allow it. */
export function ExplainAnswer({ question, result }: { question: NamedQuestion; result: ExplainResult }) {
  const { t } = useTranslation();
  const first = result.assignments[0]?.assignment.member;
  const admin = first ? memberLabel(first) : question.admin;
  const permission = permissionLabel(t, question.permission);
  const target = t(`access.explain.targetPhrase.${question.targetType}`, { name: question.targetName });
  const summary = result.allowed
    ? t('access.explain.allowedBody', { admin, permission, target })
    : !result.targetFound
      ? t('access.explain.deniedNotFound', { target, permission })
      : result.assignments.length === 0
        ? t('access.explain.deniedNoAdmin', { admin, permission })
        : t('access.explain.deniedAll', { admin, count: result.assignments.length, permission, target });
  // The deciding assignments first, the rest in the order the server gave.
  const ordered = [...result.assignments].sort((a, b) => Number(b.verdict === 'allows') - Number(a.verdict === 'allows'));

  const reason = (verdict: Verdict, role: string) => {
    if (verdict === 'target_outside_scope' && question.targetType === 'corp' && isScopedPermission(question.permission)) {
      return t('access.explain.reason.target_outside_scope_corp', { permission });
    }
    return t(`access.explain.reason.${verdict}`, { role, permission, target });
  };

  return (
    <Flex vertical gap="middle" data-testid="explain-answer" data-allowed={String(result.allowed)}>
      <Alert
        type={result.allowed ? 'success' : 'error'}
        showIcon
        title={
          <Typography.Text strong data-testid="explain-verdict">
            {result.allowed ? t('access.explain.allowed') : t('access.explain.denied')}
          </Typography.Text>
        }
        description={<span data-testid="explain-summary">{summary}</span>}
      />
      {ordered.map(({ assignment, verdict }) => {
        const deciding = verdict === 'allows';
        const role = roleLabel(t, assignment.role);
        return (
          <Card
            key={assignment.id}
            size="small"
            data-testid={`explain-assignment-${assignment.id}`}
            data-verdict={verdict}
            style={deciding ? { borderColor: '#52c41a', background: '#f6ffed' } : undefined}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{role}</span>
                {deciding && (
                  <Tag color="success" data-testid="explain-deciding" style={{ marginInlineEnd: 0 }}>
                    {t('access.explain.deciding')}
                  </Tag>
                )}
              </Flex>
            }
            extra={<Tag color={verdictColors[verdict]}>{t(`access.explain.verdict.${verdict}`)}</Tag>}
          >
            <Flex vertical gap={8}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{t('access.scope.label')}</Typography.Text>
                <ScopeSummary assignment={assignment} />
                <AssignmentStatus assignment={assignment} />
              </Flex>
              <Typography.Text data-testid="explain-reason">{reason(verdict, role)}</Typography.Text>
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
