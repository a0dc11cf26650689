import { App, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import { useSmsCode } from './useRegistration';

const cooldownSeconds = 60;

interface Props {
  /** Validates and returns the mobile, or null when the field is invalid. */
  getMobile: () => Promise<string | null>;
  onSent: (verificationId: string) => void;
}

/** "获取验证码" with a countdown before it can be pressed again. */
export function SmsCodeButton({ getMobile, onSent }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const smsCode = useSmsCode();
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  const send = async () => {
    const mobile = await getMobile();
    if (!mobile) return;
    smsCode.mutate(mobile, {
      onSuccess: ({ verificationId, expiresInSeconds }) => {
        onSent(verificationId);
        setSecondsLeft(cooldownSeconds);
        void message.success(t('register.codeSent', { minutes: Math.max(1, Math.round(expiresInSeconds / 60)) }));
      },
      onError: (error) => {
        if (isApiError(error, 'common.rate_limited') && error.retryAfterSeconds) setSecondsLeft(error.retryAfterSeconds);
        reportError(error);
      },
    });
  };

  return (
    <Button
      onClick={() => void send()}
      loading={smsCode.isPending}
      disabled={secondsLeft > 0}
      data-testid="register-send-code"
      style={{ minWidth: 128 }}
    >
      {secondsLeft > 0 ? t('register.resendIn', { seconds: secondsLeft }) : t('register.sendCode')}
    </Button>
  );
}
