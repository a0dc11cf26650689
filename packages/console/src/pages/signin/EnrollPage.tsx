import { useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { goOn, pathForStage, refreshMe, returnPath, useMe } from '../../auth/useMe';
import { LoadFailed } from '../../components/LoadFailed';
import { PageSpin } from '../../components/PageSpin';
import { RecoveryCodesView } from '../../components/RecoveryCodesView';
import { EnrollTotpStep } from './EnrollTotpStep';

/**
 * Authenticator enrolment, then the recovery codes. Guards itself instead of using RequireStage:
 * once enrolled the session is already full, yet the codes must stay on screen until acknowledged.
 */
export default function EnrollPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  if (recoveryCodes) {
    const finish = async () => {
      await refreshMe(queryClient);
      goOn(navigate, returnPath(location.state));
    };
    return (
      <>
        <Typography.Title level={3}>{t('auth.recovery.title')}</Typography.Title>
        <RecoveryCodesView codes={recoveryCodes} onDone={() => void finish()} />
      </>
    );
  }
  if (me.isPending) return <PageSpin />;
  if (me.isError) return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data?.stage !== 'enroll_totp') return <Navigate to={pathForStage(me.data)} replace />;

  return (
    <>
      <Typography.Title level={3}>{t('auth.enroll.title')}</Typography.Title>
      <EnrollTotpStep onEnrolled={setRecoveryCodes} />
    </>
  );
}
