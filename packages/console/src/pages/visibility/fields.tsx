import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentPicker, type PickedDepartment } from '../directory/DepartmentPicker';
import { useDebounced } from '../directory/MemberSelect';
import { useMemberSearch } from '../directory/useMembers';
import { useTags } from '../directory/useTags';

// Form controls of 通讯录权限 and 外部联系人权限: departments from the lazy tree, tags, one member.

interface DepartmentsProps {
  value?: PickedDepartment[];
  onChange?: (departments: PickedDepartment[]) => void;
  /** Several departments, or exactly one. */
  multiple?: boolean;
  placeholder?: string;
  testId: string;
}

/** Looks like a select; opening it shows the department tree. The value keeps names for display. */
export function DepartmentsField({ value = [], onChange, multiple = true, placeholder, testId }: DepartmentsProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  return (
    <>
      <Select<number[]>
        mode="multiple"
        open={false}
        value={value.map((d) => d.id)}
        options={value.map((d) => ({ value: d.id, label: d.name }))}
        placeholder={placeholder ?? t('visibility.pickDepartments')}
        onOpenChange={(open) => open && setPicking(true)}
        onChange={(ids) => onChange?.(value.filter((d) => ids.includes(d.id)))}
        showSearch={false}
        data-testid={testId}
      />
      <DepartmentPicker
        open={picking}
        multiple={multiple}
        initial={value}
        onOk={(picked) => {
          onChange?.(multiple ? picked : picked.slice(-1));
          setPicking(false);
        }}
        onCancel={() => setPicking(false)}
      />
    </>
  );
}

/** The corp's tags, several at once; tags deleted since the value was saved still show by name. */
export function TagsField({ value, onChange, known = [], testId }: { value?: number[]; onChange?: (ids: number[]) => void; known?: { id: number; name: string }[]; testId: string }) {
  const { t } = useTranslation();
  const tags = useTags();
  const options = new Map<number, string>(known.map((tag) => [tag.id, tag.name]));
  for (const tag of tags.data ?? []) options.set(tag.id, tag.name);
  return (
    <Select<number[]>
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={tags.isFetching}
      placeholder={t('visibility.pickTags')}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}

/** One member, found by name, userid or pinyin; the value is the userid. */
export function MemberField({ value, onChange, placeholder, testId, style }: { value?: string; onChange?: (userid: string | undefined) => void; placeholder?: string; testId: string; style?: CSSProperties }) {
  const [search, setSearch] = useState('');
  // The chosen member's "name (userid)" stays shown after the search that found them is cleared.
  const [labels, setLabels] = useState(new Map<string, string>());
  const q = useDebounced(search.trim());
  const found = useMemberSearch(q);
  const options = (q ? (found.data ?? []) : []).map((member) => ({ value: member.userid, label: `${member.name} (${member.userid})` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: labels.get(value) ?? value });
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      onSelect={(userid: string) => {
        const label = options.find((o) => o.value === userid)?.label;
        if (label) setLabels(new Map(labels).set(userid, label));
      }}
      allowClear
      options={options}
      loading={found.isFetching}
      placeholder={placeholder}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      notFoundContent={null}
      style={style}
      data-testid={testId}
    />
  );
}
