import { DatePicker, Flex, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { stopEnterSubmit } from '../../../../components/stopEnterSubmit';
import { useLeaveDuration } from '../useApprovals';

type Half = 'am' | 'pm';
/** The API's range: dates with halves (halfday), dates (day), or dates with times (hour). */
export interface RangeValue {
  start?: string;
  end?: string;
  startHalf?: Half;
  endHalf?: Half;
}

interface Props {
  value?: RangeValue;
  onChange?: (value: RangeValue | undefined) => void;
  unit: 'day' | 'halfday' | 'hour';
  testId: string;
}

/** A date range; counted in half days it shows 上午/下午 selectors and the working days it takes on the corp's calendar. */
export function DateRangeInput({ value, onChange, unit, testId }: Props) {
  const { t } = useTranslation();
  const current: RangeValue = value ?? (unit === 'halfday' ? { startHalf: 'am', endHalf: 'pm' } : {});
  const set = (patch: RangeValue) => onChange?.({ ...current, ...patch });
  const halves = [
    { value: 'am', label: t('approvals.detail.halfAm') },
    { value: 'pm', label: t('approvals.detail.halfPm') },
  ];
  const withTime = unit === 'hour';
  const format = withTime ? 'YYYY-MM-DDTHH:mm' : 'YYYY-MM-DD';
  const picker = (which: 'start' | 'end') => (
    <DatePicker
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={current[which] ? dayjs(current[which]) : null}
      onChange={(d) => set({ [which]: d ? d.format(format) : undefined })}
      data-testid={`${testId}-${which}`}
    />
  );
  return (
    <Flex vertical gap={4} onKeyDown={stopEnterSubmit} data-testid={testId}>
      <Flex gap="small" align="center" wrap>
        {picker('start')}
        {unit === 'halfday' && <Select<Half> value={current.startHalf ?? 'am'} onChange={(startHalf) => set({ startHalf })} options={halves} style={{ width: 90 }} data-testid={`${testId}-start-half`} />}
        <span>~</span>
        {picker('end')}
        {unit === 'halfday' && <Select<Half> value={current.endHalf ?? 'pm'} onChange={(endHalf) => set({ endHalf })} options={halves} style={{ width: 90 }} data-testid={`${testId}-end-half`} />}
      </Flex>
      {unit === 'halfday' && <Duration value={current} />}
    </Flex>
  );
}

function Duration({ value }: { value: RangeValue }) {
  const { t } = useTranslation();
  const complete = value.start && value.end && value.start <= value.end ? { start: value.start, startHalf: value.startHalf ?? 'am', end: value.end, endHalf: value.endHalf ?? 'pm' } : null;
  const days = useLeaveDuration(complete);
  if (!complete) return null;
  return (
    <Typography.Text type="secondary" data-testid="leave-duration">
      {days.data === undefined ? t('approvals.portal.durationLoading') : t('approvals.portal.duration', { days: days.data })}
    </Typography.Text>
  );
}
