import { corpSizes, industries } from '@orgdesk/contracts';
import { Select, type SelectProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = Omit<SelectProps<string>, 'options'> & { testId: string };

/** Dropdown options carry `<testId>-option-<value>` so UI tests can pick one regardless of language. */
function optionWithTestId(testId: string) {
  return (option: { value?: string | number | null; label?: ReactNode }) => (
    <span data-testid={`${testId}-option-${String(option.value)}`}>{option.label}</span>
  );
}

export function IndustrySelect({ testId, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select<string>
      {...props}
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      optionRender={optionWithTestId(testId)}
      options={industries.map((industry) => ({ value: industry, label: t(`industry.${industry}`) }))}
    />
  );
}

export function SizeSelect({ testId, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select<string>
      {...props}
      data-testid={testId}
      optionRender={optionWithTestId(testId)}
      options={corpSizes.map((size) => ({ value: size, label: t(`size.${size}`) }))}
    />
  );
}
