import { DatePicker, Flex, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { stopEnterSubmit } from '../../../components/stopEnterSubmit';

interface Props {
  value?: string[];
  onChange?: (dates: string[]) => void;
  testId: string;
}

/** A set of YYYY-MM-DD days: pick one to add it, close its tag to remove it. */
export function DateListField({ value = [], onChange, testId }: Props) {
  const { t } = useTranslation();
  const add = (date: Dayjs | null) => {
    if (!date) return;
    const day = date.format('YYYY-MM-DD');
    if (!value.includes(day)) onChange?.([...value, day].sort());
  };

  return (
    <Flex vertical gap="small">
      <span onKeyDown={stopEnterSubmit}>
        <DatePicker value={null} onChange={add} placeholder={t('settings.addDate')} style={{ width: 220 }} data-testid={`${testId}-picker`} />
      </span>
      <Flex wrap gap="small" data-testid={`${testId}-list`}>
        {value.length === 0 && <Typography.Text type="secondary">{t('settings.noDates')}</Typography.Text>}
        {value.map((day) => (
          <Tag key={day} closable onClose={() => onChange?.(value.filter((other) => other !== day))} data-testid={`${testId}-${day}`}>
            {day}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
