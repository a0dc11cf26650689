import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';

const key = ['approvals', 'settings'] as const;

/**
 * 审批接口: which custom apps may call /cgi-bin/oa and hear sys_approval_change. Only corp-wide approval admins see it
 * (a scoped admin's request is refused, and the card stays away). Apps are named when the admin may list them.
 */
export function ApprovalSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: key, queryFn: () => api.get<{ apiAgentIds: number[] }>('/approvals/settings'), retry: false });
  const apps = useQuery({ queryKey: ['apps', 'for-approvals'], queryFn: () => api.get<{ items: { agentId: number | null; name: string; kind: string }[] }>('/apps'), retry: false });
  const [chosen, setChosen] = useState<number[]>([]);
  useEffect(() => setChosen(settings.data?.apiAgentIds ?? []), [settings.data]);
  const save = useMutation({
    mutationFn: (apiAgentIds: number[]) => api.put<{ apiAgentIds: number[] }>('/approvals/settings', { apiAgentIds }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      message.success(t('approvals.settings.saved'));
    },
    // The server names what it refused (an AgentID no app has): say that, not only that something was wrong.
    onError: (error) => message.error(isApiError(error) ? [error.message, ...error.fields.map((f) => f.reason)].join('：') : t('errors.unexpected')),
  });
  if (settings.isError) return null;
  const options = (apps.data?.items ?? []).filter((a) => a.agentId !== null && a.kind === 'custom').map((a) => ({ value: a.agentId!, label: `${a.name} (${a.agentId})` }));
  return (
    <Card size="small" title={t('approvals.settings.title')} data-testid="approval-settings">
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t('approvals.settings.help')}</Typography.Text>
        <Flex gap="small">
          <Select<number[]>
            mode="tags"
            style={{ minWidth: 360 }}
            value={chosen}
            options={options}
            placeholder={t('approvals.settings.placeholder')}
            onChange={(values) => setChosen(values.map(Number).filter((n) => Number.isInteger(n) && n > 0))}
            data-testid="approval-settings-apps"
          />
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate(chosen)} data-testid="approval-settings-save">
            {t('approvals.settings.save')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
