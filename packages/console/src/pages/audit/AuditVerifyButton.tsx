import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import type { useVerifyAudit } from './useAuditLog';

type Verify = ReturnType<typeof useVerifyAudit>;

export function AuditVerifyButton({ verify }: { verify: Verify }) {
  const { t } = useTranslation();
  const reportError = useErrorReporter();
  const run = () =>
    verify.mutate(undefined, {
      onError: (error) => {
        if (!isApiError(error, 'audit.chain_broken')) reportError(error); // A broken chain is shown as the result.
      },
    });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={run} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}

/** The outcome of the last integrity check, if one ran. */
export function AuditVerifyResult({ verify }: { verify: Verify }) {
  const { t } = useTranslation();
  if (verify.data?.ok) {
    return <Alert type="success" showIcon title={t('audit.verifyOk', { checked: verify.data.checked })} data-testid="audit-verify-result" />;
  }
  if (verify.data) {
    const { checked, firstBadSeq, reason } = verify.data;
    return (
      <Alert
        type="error"
        showIcon
        title={t('audit.verifyBad', { checked, seq: firstBadSeq ?? '?' })}
        description={reason ? t('audit.verifyReason', { reason }) : undefined}
        data-testid="audit-verify-result"
      />
    );
  }
  // The server may also answer a broken chain with the audit.chain_broken error.
  if (isApiError(verify.error, 'audit.chain_broken')) {
    return <Alert type="error" showIcon title={verify.error.message} data-testid="audit-verify-result" />;
  }
  return null;
}
