import type { App } from '@orgdesk/contracts';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The secret's last four characters, as an admin matches them against a server's configuration. */
export function secretHintText(app: Pick<App, 'secretHint'>): string {
  return `••••${app.secretHint}`;
}

/** One entry per non-empty line. */
export function toLines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Who an app is visible to, in a few words. */
export function RangeSummary({ range, testId }: { range: App['visibleRange']; testId?: string }) {
  const { t } = useTranslation();
  const parts = [
    range.departmentIds.length ? t('apps.range.departments', { count: range.departmentIds.length }) : null,
    range.userids.length ? t('apps.range.members', { count: range.userids.length }) : null,
    range.tagIds.length ? t('apps.range.tags', { count: range.tagIds.length }) : null,
  ].filter((part) => part !== null);
  const text = range.all ? t('apps.range.all') : parts.length ? parts.join(t('visibility.listSeparator')) : t('apps.range.none');
  return (
    <Typography.Text type={!range.all && !parts.length ? 'secondary' : undefined} data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

export function EnabledTag({ app, testId }: { app: Pick<App, 'enabled'>; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={app.enabled ? 'green' : 'default'} data-testid={testId} data-enabled={String(app.enabled)} style={{ marginInlineEnd: 0 }}>
      {app.enabled ? t('apps.status.enabled') : t('apps.status.disabled')}
    </Tag>
  );
}
