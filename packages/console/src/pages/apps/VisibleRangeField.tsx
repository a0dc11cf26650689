import type { VisibleRange } from '@orgdesk/contracts';
import { Alert, Flex, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentPicker } from '../directory/DepartmentPicker';
import { MemberSelect } from '../directory/MemberSelect';
import { useDepartmentNames } from '../directory/useDepartments';
import { TagsField } from '../visibility/fields';

export const emptyRange: VisibleRange = { all: false, userids: [], departmentIds: [], tagIds: [] };

/** Departments by id, chosen from the directory tree; names are looked up for ids the picker did not name. */
function DepartmentIdsField({ value, onChange, testId }: { value: number[]; onChange: (ids: number[]) => void; testId: string }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState(new Map<number, string>());
  const loaded = useDepartmentNames(value.filter((id) => !picked.has(id)));
  const nameOf = (id: number) => picked.get(id) ?? loaded.get(id) ?? `#${id}`;
  return (
    <>
      <Select<number[]>
        mode="multiple"
        open={false}
        value={value}
        options={value.map((id) => ({ value: id, label: nameOf(id) }))}
        placeholder={t('visibility.pickDepartments')}
        onOpenChange={(open) => open && setPicking(true)}
        onChange={onChange}
        showSearch={false}
        data-testid={testId}
      />
      <DepartmentPicker
        open={picking}
        multiple
        initial={value.map((id) => ({ id, name: nameOf(id) }))}
        onOk={(departments) => {
          setPicked(new Map([...picked, ...departments.map((d) => [d.id, d.name] as const)]));
          onChange(departments.map((d) => d.id));
          setPicking(false);
        }}
        onCancel={() => setPicking(false)}
      />
    </>
  );
}

interface Props {
  value?: VisibleRange;
  onChange?: (range: VisibleRange) => void;
  disabled?: boolean;
  testId: string;
}

/** 可见范围: everyone, or listed departments (with their subtrees), members and tags. */
export function VisibleRangeField({ value = emptyRange, onChange, disabled, testId }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<VisibleRange>) => onChange?.({ ...value, ...patch });
  const nobody = !value.all && value.departmentIds.length + value.userids.length + value.tagIds.length === 0;
  return (
    <Flex vertical gap="small" data-testid={testId}>
      <Radio.Group value={value.all ? 'all' : 'listed'} onChange={(e) => set({ all: e.target.value === 'all' })} disabled={disabled}>
        <Radio value="all" data-testid={`${testId}-all`}>
          {t('apps.range.modeAll')}
        </Radio>
        <Radio value="listed" data-testid={`${testId}-listed`}>
          {t('apps.range.modeListed')}
        </Radio>
      </Radio.Group>
      {!value.all && !disabled && (
        <>
          <Typography.Text type="secondary">{t('apps.range.departmentIds')}</Typography.Text>
          <DepartmentIdsField value={value.departmentIds} onChange={(departmentIds) => set({ departmentIds })} testId={`${testId}-departments`} />
          <Typography.Text type="secondary">{t('apps.range.userids')}</Typography.Text>
          <MemberSelect value={value.userids} onChange={(userids) => set({ userids })} placeholder={t('apps.range.memberPlaceholder')} testId={`${testId}-members`} />
          <Typography.Text type="secondary">{t('apps.range.tagIds')}</Typography.Text>
          <TagsField value={value.tagIds} onChange={(tagIds) => set({ tagIds })} testId={`${testId}-tags`} />
          {nobody && <Alert type="warning" showIcon title={t('apps.range.emptyHint')} />}
        </>
      )}
    </Flex>
  );
}
