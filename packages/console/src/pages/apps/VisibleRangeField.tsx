import type { VisibleRange } from '@orgdesk/contracts';
import { Alert, Flex, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentIdsField } from '../directory/DepartmentIdsField';
import { MemberSelect } from '../directory/MemberSelect';
import { TagsField } from '../visibility/fields';

export const emptyRange: VisibleRange = { all: false, userids: [], departmentIds: [], tagIds: [] };

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
          <DepartmentIdsField value={value.departmentIds} onChange={(departmentIds) => set({ departmentIds })} testId={`${testId}-departments`} placeholder={t('visibility.pickDepartments')} />
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
