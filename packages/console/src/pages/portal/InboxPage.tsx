import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Pagination, Segmented, Spin, Tag, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { MessageBody } from './MessageBody';
import { useInbox, useMarkAllRead, useMarkRead, type InboxItem } from './useInbox';

type Filter = 'all' | 'unread';

/** 消息: what the corp's apps sent the member, newest first; opening an unread one marks it read. */
export default function InboxPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const inbox = useInbox({ ...page, unreadOnly: filter === 'unread' });
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const reportError = useErrorReporter();
  const data = inbox.data;

  // Marking read under 未读 shrinks the list: step back when the page we are on no longer exists.
  const lastPage = Math.max(1, Math.ceil((data?.total ?? 0) / page.pageSize));
  useEffect(() => {
    if (data && page.page > lastPage) setPage((p) => ({ ...p, page: lastPage }));
  }, [data, lastPage, page.page]);

  const open = (item: InboxItem) => {
    if (!item.read && !markRead.isPending) markRead.mutate(item.id, { onError: (error) => reportError(error) });
  };

  return (
    <Card
      title={
        <Flex align="center" gap="small">
          {t('portal.inbox.title')}
          {data && data.unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="inbox-unread-summary">
              {t('portal.inbox.unreadSummary', { count: data.unread })}
            </Typography.Text>
          )}
        </Flex>
      }
      style={{ maxWidth: 880 }}
      extra={
        <Flex gap="small" align="center">
          <Segmented<Filter>
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'all', label: <span data-testid="inbox-filter-all">{t('portal.inbox.filterAll')}</span> },
              { value: 'unread', label: <span data-testid="inbox-filter-unread">{t('portal.inbox.filterUnread')}</span> },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            disabled={!data || data.unread === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate(undefined, { onError: (error) => reportError(error) })}
            data-testid="inbox-read-all"
          >
            {t('portal.inbox.readAll')}
          </Button>
        </Flex>
      }
    >
      {inbox.isError ? (
        <LoadFailed error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : !data ? (
        <Spin />
      ) : data.items.length === 0 ? (
        <Empty description={filter === 'unread' ? t('portal.inbox.emptyUnread') : t('portal.inbox.empty')} data-testid="inbox-empty" />
      ) : (
        <Flex vertical gap="small" data-testid="inbox-list">
          {data.items.map((item) => (
            <InboxEntry key={item.id} item={item} onOpen={() => open(item)} />
          ))}
          <Pagination
            align="end"
            current={page.page}
            pageSize={page.pageSize}
            total={data.total}
            hideOnSinglePage
            showSizeChanger
            onChange={(p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize })}
            style={{ marginTop: 8 }}
            data-testid="inbox-pagination"
          />
        </Flex>
      )}
    </Card>
  );
}

function InboxEntry({ item, onOpen }: { item: InboxItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          onOpen();
        }
      }}
      aria-label={item.read ? undefined : t('portal.inbox.unread')}
      data-testid={`inbox-item-${item.id}`}
      data-read={String(item.read)}
      data-msgtype={item.msgtype}
      style={{
        padding: '12px 16px',
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${token.colorBorderSecondary}`,
        background: item.read ? token.colorBgContainer : token.colorPrimaryBg,
        cursor: item.read ? 'default' : 'pointer',
      }}
    >
      <Flex justify="space-between" align="center" gap="small" style={{ marginBottom: 8 }}>
        <Flex align="center" gap="small">
          {!item.read && <Badge status="processing" data-testid="inbox-unread-dot" />}
          <Typography.Text strong={!item.read} data-testid="inbox-app-name">
            {item.app?.name ?? t('notifications.system')}
          </Typography.Text>
          {item.urgent && <Tag color="red" data-testid="inbox-urgent">{t('notifications.urgent')}</Tag>}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }} title={dayjs(item.createdAt).format('YYYY-MM-DD HH:mm:ss')}>
          {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Flex>
      <MessageBody item={item} />
    </div>
  );
}
