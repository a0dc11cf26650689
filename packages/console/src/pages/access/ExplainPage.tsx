import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExplainAnswer } from './ExplainAnswer';
import { ExplainForm } from './ExplainForm';
import { useExplain } from './useExplain';

/** 权限检查: may this admin do this to that, and which assignment decides? */
export default function ExplainPage() {
  const { t } = useTranslation();
  const explain = useExplain();
  const question = explain.variables;

  return (
    <Card title={t('access.explain.title')}>
      <Typography.Paragraph type="secondary">{t('access.explain.intro')}</Typography.Paragraph>
      <Row gutter={[32, 24]}>
        <Col xs={24} xl={10}>
          <ExplainForm loading={explain.isPending} onAsk={(next) => explain.mutateAsync(next)} />
        </Col>
        <Col xs={24} xl={14}>
          {explain.data && question && !explain.isPending && <ExplainAnswer question={question} result={explain.data} />}
        </Col>
      </Row>
    </Card>
  );
}
