import { timeoutActions, type TimeLimit } from '@orgdesk/contracts';
import { Flex, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { newTimeLimit } from './draft';

interface Props {
  value: TimeLimit | undefined;
  onChange: (value: TimeLimit | undefined) => void;
  testId: string;
}

/** 限时处理 of an approver node: off, or so many working hours and what happens past them. */
export function TimeLimitField({ value, onChange, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap="small" align="center" wrap>
      <span>{t('approvals.editor.timeLimit')}</span>
      <Switch checked={value !== undefined} onChange={(on) => onChange(on ? newTimeLimit() : undefined)} aria-label={t('approvals.editor.timeLimit')} data-testid={`${testId}-switch`} />
      {value && (
        <>
          <InputNumber
            min={1}
            max={720}
            precision={0}
            value={value.hours}
            onChange={(hours) => onChange({ ...value, hours: hours ?? 1 })}
            suffix={t('approvals.editor.workingHours')}
            aria-label={t('approvals.editor.timeLimitHours')}
            style={{ width: 160 }}
            data-testid={`${testId}-hours`}
          />
          <Select
            value={value.onTimeout}
            onChange={(onTimeout) => onChange({ ...value, onTimeout })}
            options={timeoutActions.map((action) => ({ value: action, label: t(`approvals.editor.onTimeout.${action}`) }))}
            aria-label={t('approvals.editor.timeLimitAction')}
            style={{ width: 180 }}
            data-testid={`${testId}-action`}
          />
        </>
      )}
    </Flex>
  );
}
