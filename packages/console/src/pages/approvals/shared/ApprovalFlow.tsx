import type { ApprovalDetail } from '@orgdesk/contracts';
import { Flex, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type Step = ApprovalDetail['steps'][number];
type Task = Step['tasks'][number];

const stepColors: Record<Step['status'], string> = { waiting: 'gray', active: 'blue', approved: 'green', rejected: 'red', skipped: 'gray' };
const taskColors: Partial<Record<Task['status'], string>> = { pending: 'processing', approved: 'success', rejected: 'error', returned: 'warning', transferred: 'cyan' };

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function TaskLine({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <Flex vertical data-testid={`flow-task-${task.approver.userid}`} data-status={task.status} data-auto={String(task.auto)}>
      <Flex gap="small" align="center" wrap>
        <Typography.Text>{task.approver.name}</Typography.Text>
        <Tag color={taskColors[task.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {t(`approvals.taskStatus.${task.status}`)}
        </Tag>
        {task.auto && <Tag color="gold">{t('approvals.auto')}</Tag>}
        {task.decidedAt && <Typography.Text type="secondary">{time(task.decidedAt)}</Typography.Text>}
        {task.dueAt && (
          <Typography.Text type={dayjs(task.dueAt).isBefore(dayjs()) ? 'danger' : 'secondary'} data-testid={`flow-task-due-${task.approver.userid}`}>
            {t('approvals.detail.dueAt', { time: time(task.dueAt) })}
          </Typography.Text>
        )}
      </Flex>
      {task.comment && <Typography.Text type="secondary">{t('approvals.detail.comment', { comment: task.comment })}</Typography.Text>}
    </Flex>
  );
}

/** The route: the submission, then each approver step with its mode, status and every task's person and decision. */
export function ApprovalFlow({ detail }: { detail: ApprovalDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="approval-flow"
      items={[
        {
          key: 'submit',
          color: 'green',
          content: (
            <Flex vertical>
              <Typography.Text strong>{t('approvals.event.submit')}</Typography.Text>
              <Typography.Text type="secondary">
                {detail.applicant.name} · {time(detail.createdAt)}
              </Typography.Text>
            </Flex>
          ),
        },
        ...detail.steps.map((step) => ({
          key: step.id,
          color: stepColors[step.status],
          content: (
            <Flex vertical gap={4} data-testid={`flow-step-${step.nodeId}`} data-status={step.status}>
              <Flex gap="small" align="center" wrap>
                <Typography.Text strong data-testid="flow-step-name">
                  {step.name}
                </Typography.Text>
                {step.tasks.length > 1 && <Tag>{t(`approvals.mode.${step.mode}`)}</Tag>}
                <Typography.Text type="secondary">{t(`approvals.stepStatus.${step.status}`)}</Typography.Text>
              </Flex>
              {step.tasks.map((task) => (
                <TaskLine key={task.id} task={task} />
              ))}
            </Flex>
          ),
        })),
      ]}
    />
  );
}
