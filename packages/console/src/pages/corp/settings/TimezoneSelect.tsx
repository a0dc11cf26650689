import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';

function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return []; // Very old browsers; the current value is still offered below.
  }
}

export function TimezoneSelect({ value, ...props }: SelectProps<string>) {
  const options = useMemo(() => {
    const zones = supportedTimeZones();
    // Browsers omit some valid IANA names (e.g. 'UTC'); never hide the saved one.
    if (value && !zones.includes(value)) zones.unshift(value);
    return zones.map((zone) => ({ value: zone, label: zone }));
  }, [value]);

  return <Select<string> {...props} value={value} showSearch={{ optionFilterProp: 'label' }} options={options} />;
}
