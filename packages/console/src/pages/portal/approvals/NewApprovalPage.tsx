import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadFailed } from '../../../components/LoadFailed';
import { usePortalTemplates } from './useApprovals';

/** 发起申请: the templates the member may use, as cards; one opens its form. */
export default function NewApprovalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const templates = usePortalTemplates();
  if (templates.isError) return <LoadFailed error={templates.error} onRetry={() => void templates.refetch()} />;
  return (
    <Flex vertical gap="middle" style={{ maxWidth: 1100 }}>
      <Link to="/portal/approvals" data-testid="new-approval-back">
        <ArrowLeftOutlined /> {t('approvals.portal.back')}
      </Link>
      <Card title={t('approvals.portal.chooseTemplate')}>
        {!templates.data ? (
          <Spin />
        ) : templates.data.length === 0 ? (
          <Empty description={t('approvals.portal.noTemplates')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="template-cards">
            {templates.data.map((template) => (
              <Col key={template.id} xs={24} sm={12} lg={8}>
                <Card hoverable onClick={() => void navigate(`/portal/approvals/new/${template.id}`)} data-testid={`template-card-${template.kind === 'custom' ? template.id : template.kind}`} data-kind={template.kind} data-name={template.name} style={{ height: '100%' }}>
                  <Card.Meta
                    avatar={<FileTextOutlined style={{ fontSize: 28, color: '#1677ff' }} />}
                    title={
                      <Flex gap="small" align="center">
                        {template.name}
                        {template.kind !== 'custom' && <Tag>{t(`approvals.kind.${template.kind}`)}</Tag>}
                      </Flex>
                    }
                    description={<Typography.Text type="secondary" ellipsis={{ tooltip: template.description }}>{template.description || '\u00a0'}</Typography.Text>}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
