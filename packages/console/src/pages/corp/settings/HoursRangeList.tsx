import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, TimePicker, type FormRule, type TimeRangePickerProps } from 'antd';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { stopEnterSubmit } from '../../../components/stopEnterSubmit';
import type { HoursRange } from './calendarForm';

const maxRanges = 6;

type RangeProps = Omit<TimeRangePickerProps, 'value' | 'onChange'> & {
  index: number;
  value?: HoursRange;
  onChange?: (value: HoursRange) => void;
};

/** One working-hour range. Overnight ranges are legitimate, so the picker must not reorder the ends. */
function HoursRangePicker({ index, value, onChange, ...props }: RangeProps) {
  const wrapper = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    // antd copies data-* props onto both inputs of a range picker; UI tests need each end by its own id.
    const inputs = wrapper.current?.querySelectorAll('input');
    inputs?.[0]?.setAttribute('data-testid', `settings-hours-${index}-start`);
    inputs?.[1]?.setAttribute('data-testid', `settings-hours-${index}-end`);
  });
  return (
    <span ref={wrapper} onKeyDown={stopEnterSubmit}>
      <TimePicker.RangePicker
        {...props}
        format="HH:mm"
        order={false}
        value={value ?? null}
        onChange={(next) => onChange?.(next ? [next[0], next[1]] : null)}
      />
    </span>
  );
}

export function HoursRangeList() {
  const { t } = useTranslation();

  const rangeRule: FormRule = {
    validator: async (_rule, value: HoursRange) => {
      if (!value?.[0] || !value[1]) throw new Error(t('validation.rangeIncomplete'));
      if (value[0].format('HH:mm') === value[1].format('HH:mm')) throw new Error(t('validation.rangeSame'));
    },
  };
  const countRule = {
    validator: async (_rule: unknown, ranges: HoursRange[] | undefined) => {
      if (!ranges || ranges.length < 1 || ranges.length > maxRanges) throw new Error(t('validation.hoursCount'));
    },
  };

  return (
    <Form.List name={['calendar', 'workingHours']} rules={[countRule]}>
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap="small" data-testid="settings-hours">
          {fields.map((field, index) => (
            <Flex key={field.key} align="start" gap="small">
              <Form.Item name={field.name} rules={[rangeRule]} style={{ marginBottom: 0 }}>
                <HoursRangePicker index={index} placeholder={[t('settings.start'), t('settings.end')]} />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('settings.removeRange')}
                title={t('settings.removeRange')}
                disabled={fields.length <= 1}
                onClick={() => remove(field.name)}
                data-testid={`settings-hours-${index}-remove`}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= maxRanges}
            onClick={() => add(null)}
            style={{ alignSelf: 'flex-start' }}
            data-testid="settings-hours-add"
          >
            {t('settings.addRange')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
