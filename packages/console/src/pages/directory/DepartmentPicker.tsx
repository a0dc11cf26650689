import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cachedDepartment } from './useDepartments';
import { DepartmentTree } from './DepartmentTree';

export interface PickedDepartment {
  id: number;
  name: string;
}

interface Props {
  open: boolean;
  title?: string;
  /** A line above the tree saying what choosing does. */
  hint?: string;
  /** Several departments (checkboxes) or exactly one (a selection). */
  multiple?: boolean;
  /** Departments chosen when the picker opens (names are shown for those not loaded in the tree yet). */
  initial?: PickedDepartment[];
  disabledIds?: number[];
  confirmLoading?: boolean;
  onOk: (departments: PickedDepartment[]) => void;
  onCancel: () => void;
}

/** A modal to choose departments from the same lazy tree as the directory page. */
export function DepartmentPicker({ open, title, hint, multiple = false, initial = [], disabledIds, confirmLoading, onOk, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={title ?? t('directory.picker.title')} onCancel={onCancel} footer={null} destroyOnHidden width={520}>
      <PickerBody hint={hint} multiple={multiple} initial={initial} disabledIds={disabledIds} confirmLoading={confirmLoading} onOk={onOk} onCancel={onCancel} />
    </Modal>
  );
}

function PickerBody({ hint, multiple, initial, disabledIds, confirmLoading, onOk, onCancel }: Omit<Props, 'open' | 'title'> & { initial: PickedDepartment[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<PickedDepartment[]>(initial);

  const nameOf = (id: number) =>
    picked.find((d) => d.id === id)?.name ?? initial.find((d) => d.id === id)?.name ?? cachedDepartment(queryClient, id)?.department.name ?? `#${id}`;
  const remove = (id: number) => setPicked(picked.filter((d) => d.id !== id));

  return (
    <Flex vertical gap="middle" data-testid="dept-picker">
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
        {multiple ? (
          <DepartmentTree
            mode="check"
            testIdPrefix="dept-picker-node"
            height={360}
            disabledIds={disabledIds}
            checkedIds={picked.map((d) => d.id)}
            onCheck={(ids) => setPicked(ids.map((id) => ({ id, name: nameOf(id) })))}
          />
        ) : (
          <DepartmentTree
            mode="select"
            testIdPrefix="dept-picker-node"
            height={360}
            disabledIds={disabledIds}
            selectedId={picked[0]?.id}
            onSelect={(department) => setPicked([{ id: department.id, name: department.name }])}
          />
        )}
      </div>
      <Flex wrap gap={4} align="center" style={{ minHeight: 24 }}>
        <Typography.Text type="secondary">
          {picked.length ? t('directory.picker.selected', { count: picked.length }) : t('directory.picker.none')}
        </Typography.Text>
        {picked.map((department) => (
          <Tag key={department.id} closable={multiple} onClose={() => remove(department.id)} style={{ marginInlineEnd: 0 }}>
            {department.name}
          </Tag>
        ))}
      </Flex>
      <Flex justify="end" gap="small">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={picked.length === 0} loading={confirmLoading} onClick={() => onOk(picked)} data-testid="dept-picker-ok">
          {t('common.confirm')}
        </Button>
      </Flex>
    </Flex>
  );
}
