import { LinkOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography, theme } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from './useInbox';

// An app's message is untrusted input: everything here renders as React text, never as HTML.

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text from a fragment of markup: <br> becomes a line break, other tags are dropped, common entities decoded. */
export function stripTags(markup: string): string {
  return markup
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => entities[name] ?? '');
}

type Tone = 'gray' | 'normal' | 'highlight' | 'plain';

/**
 * A textcard's description as WeCom writes it: text, with lines in <div class="gray|normal|highlight">.
 * Those three classes become styled lines; any other markup is stripped to its text.
 */
export function descriptionSegments(description: string): { tone: Tone; text: string }[] {
  const segments: { tone: Tone; text: string }[] = [];
  const push = (tone: Tone, markup: string) => {
    const text = stripTags(markup).trim();
    if (text) segments.push({ tone, text });
  };
  const div = /<div\s+class\s*=\s*["']?(gray|normal|highlight)["']?\s*>([\s\S]*?)<\/div\s*>/gi;
  let last = 0;
  for (let match = div.exec(description); match; match = div.exec(description)) {
    push('plain', description.slice(last, match.index));
    push(match[1]!.toLowerCase() as Tone, match[2]!);
    last = match.index + match[0].length;
  }
  push('plain', description.slice(last));
  return segments;
}

/** Only http(s) links open; anything else (javascript:, data:, …) gets no button. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A system notice's link: a path of this site (opened in place) or an http(s) URL; anything else gets no link. */
export function noticeUrl(value: unknown): string | null {
  if (typeof value === 'string' && /^\/(?!\/)/.test(value)) return value;
  return safeHttpUrl(value);
}

/** A system notice (approvals, security): its title, text and a button to where it happened. */
function NoticeBody({ title, content, url }: { title: string; content: string; url: string | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid="inbox-notice">
      <Typography.Text strong style={preWrap} data-testid="inbox-notice-title">
        {title}
      </Typography.Text>
      <Typography.Paragraph style={{ ...preWrap, marginBottom: 0 }} data-testid="inbox-content">
        {content}
      </Typography.Paragraph>
      {url && (
        <div>
          <Button size="small" type="link" icon={<LinkOutlined />} href={url} style={{ paddingInline: 0 }} data-testid="inbox-notice-link" {...(url.startsWith('/') ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
            {t('notifications.open')}
          </Button>
        </div>
      )}
    </Flex>
  );
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const preWrap: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 };

/** A message's content by its type: text and markdown as plain text with their line breaks; a textcard as a card. */
export function MessageBody({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const body = item.body;

  if (item.msgtype === 'notice') return <NoticeBody title={text(body.title)} content={text(body.content)} url={noticeUrl(body.url)} />;

  if (item.msgtype === 'textcard') {
    const url = safeHttpUrl(body.url);
    const toneStyle: Record<Tone, CSSProperties> = {
      gray: { color: token.colorTextTertiary },
      normal: { color: token.colorText },
      highlight: { color: token.colorPrimary },
      plain: { color: token.colorTextSecondary },
    };
    return (
      <Card size="small" style={{ maxWidth: 480 }} data-testid="inbox-textcard">
        <Flex vertical gap={4}>
          <Typography.Text strong style={preWrap} data-testid="inbox-textcard-title">
            {text(body.title)}
          </Typography.Text>
          <div data-testid="inbox-textcard-description">
            {descriptionSegments(text(body.description)).map((segment, index) => (
              <span key={index} data-tone={segment.tone} style={{ ...preWrap, ...toneStyle[segment.tone], display: 'block' }}>
                {segment.text}
              </span>
            ))}
          </div>
          {url && (
            <div>
              <Button size="small" type="link" icon={<LinkOutlined />} href={url} target="_blank" rel="noopener noreferrer" style={{ paddingInline: 0 }} data-testid="inbox-textcard-button">
                {text(body.btntxt) || t('portal.inbox.details')}
              </Button>
            </div>
          )}
        </Flex>
      </Card>
    );
  }
  // Markdown is shown as its text: the console has no markdown renderer, and raw HTML must never reach the DOM.
  return (
    <Typography.Paragraph style={preWrap} data-testid="inbox-content">
      {text(body.content)}
    </Typography.Paragraph>
  );
}
