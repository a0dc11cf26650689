import type { ApprovalDetail } from '@orgdesk/contracts';
import { Flex, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { approvals as messages } from '../../../i18n/zh-CN/approvals';

type Event = ApprovalDetail['events'][number];
type EventAction = keyof typeof messages.event;

/** A few words about an event's target (who it went to, which step), when the event names one. */
function eventDetail(event: Event): string | null {
  const { to, step, userids, approver } = event.detail as { to?: unknown; step?: unknown; userids?: unknown; approver?: unknown };
  if (typeof to === 'string') return to;
  // A time limit passing names whose task it was.
  if (typeof approver === 'string') return approver;
  if (Array.isArray(userids)) return userids.map(String).join(', ');
  if (typeof step === 'string' && event.action !== 'approve' && event.action !== 'reject') return step;
  return null;
}

/** 审批记录: every event of the request, oldest first, with who acted, what they said and when. */
export function ApprovalHistory({ events }: { events: Event[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid="approval-history"
      items={events.map((event) => {
        const known = i18n.exists(`approvals.event.${event.action}`);
        const label = known ? t(`approvals.event.${event.action as EventAction}`) : event.action;
        const target = eventDetail(event);
        return {
          key: event.id,
          content: (
            <Flex vertical data-testid="history-event" data-action={event.action}>
              <Flex gap="small" wrap>
                <Typography.Text strong>{label}</Typography.Text>
                {target && <Typography.Text type="secondary">→ {target}</Typography.Text>}
              </Flex>
              <Typography.Text type="secondary">
                {event.actor?.name ?? t('approvals.system')} · {dayjs(event.at).format('YYYY-MM-DD HH:mm:ss')}
              </Typography.Text>
              {event.comment && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{event.comment}</Typography.Text>}
            </Flex>
          ),
        };
      })}
    />
  );
}
