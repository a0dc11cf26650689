import type { ApprovalDetail } from '@orgdesk/contracts';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApprovalFlow } from './ApprovalFlow';
import { ApprovalHistory } from './ApprovalHistory';
import { StatusTag, UrgentTag } from './display';
import { AttachmentLinks, FormView, ReferenceNames } from './FormView';

/**
 * A request in full, read-only: its header, the form as submitted (attachments download from `filesBase`), the flow,
 * who was copied and the history.
 */
export function ApprovalView({ detail, filesBase }: { detail: ApprovalDetail; filesBase: string }) {
  const { t } = useTranslation();
  const attachments = { names: new Map(detail.attachments.map((a) => [a.id, a.name])), href: (id: string) => `${filesBase}/${id}` };
  const references = { members: new Map(detail.names.members.map((m) => [m.userid.toLowerCase(), m.name])), departments: new Map(detail.names.departments.map((d) => [d.id, d.name])) };
  return (
    <Flex vertical gap="middle" data-testid="approval-view">
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'spNo', label: t('approvals.detail.spNo'), children: <span data-testid="approval-spno">{detail.spNo}</span> },
          { key: 'status', label: t('approvals.column.status'), children: <StatusTag request={detail} testId="approval-status" /> },
          { key: 'applicant', label: t('approvals.detail.applicant'), children: <span data-testid="approval-applicant">{detail.applicant.name}</span> },
          { key: 'createdAt', label: t('approvals.detail.createdAt'), children: dayjs(detail.createdAt).format('YYYY-MM-DD HH:mm') },
          ...(detail.leave
            ? [{ key: 'leave', label: t('approvals.detail.leave'), children: `${t(`approvals.leaveType.${detail.leave.type}`)} · ${t('approvals.days', { count: detail.leave.days })}` }]
            : []),
        ]}
      />
      <Card size="small" title={<Flex gap="small" align="center">{t('approvals.detail.form')}<UrgentTag urgent={detail.urgent} /></Flex>}>
        <AttachmentLinks.Provider value={attachments}>
          <ReferenceNames.Provider value={references}>
            <FormView controls={detail.controls} form={detail.form} />
          </ReferenceNames.Provider>
        </AttachmentLinks.Provider>
      </Card>
      <Card size="small" title={t('approvals.detail.flow')}>
        <ApprovalFlow detail={detail} />
        <Flex gap="small" align="center" wrap data-testid="approval-cc">
          <Typography.Text type="secondary">{t('approvals.detail.cc')}：</Typography.Text>
          {detail.cc.length ? detail.cc.map((person) => <Tag key={person.userid}>{person.name}</Tag>) : <Typography.Text type="secondary">{t('approvals.detail.noCc')}</Typography.Text>}
        </Flex>
      </Card>
      <Card size="small" title={t('approvals.detail.history')}>
        <ApprovalHistory events={detail.events} />
      </Card>
    </Flex>
  );
}
