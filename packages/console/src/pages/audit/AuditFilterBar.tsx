import { auditQuery } from '@orgdesk/contracts';
import { Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../components/zodRule';
import type { AuditFilters } from './useAuditLog';

interface FilterForm {
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters({ actor, action, range }: FilterForm): AuditFilters {
  return {
    actor: actor?.trim() || undefined,
    action: action?.trim() || undefined,
    from: range?.[0]?.toISOString(),
    to: range?.[1]?.toISOString(),
  };
}

export function AuditFilterBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();

  return (
    <Form<FilterForm> form={form} layout="inline" onFinish={(values) => onChange(toFilters(values))} style={{ rowGap: 12 }} data-testid="audit-filters">
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorPlaceholder')} maxLength={64} data-testid="audit-filter-actor" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')} rules={[zodRule(auditQuery.shape.action, t('validation.action'))]}>
        <Input allowClear placeholder={t('audit.actionPlaceholder')} maxLength={64} data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker showTime format="YYYY-MM-DD HH:mm:ss" data-testid="audit-filter-range" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-filter-submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
          data-testid="audit-filter-reset"
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
