import { DeleteOutlined, DragOutlined, EditOutlined, OrderedListOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { Department } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { DepartmentFormModal, type DepartmentFormMode } from './DepartmentFormModal';
import { DepartmentPicker } from './DepartmentPicker';
import { DepartmentTree } from './DepartmentTree';
import { useDeleteDepartment, useUpdateDepartment } from './useDepartments';

interface Props {
  selected: Department | undefined;
  onSelect: (department: Department) => void;
  /** After the selected department is deleted, its parent is shown instead. */
  onDeleted: (parentId: number | null) => void;
}

const treeHeight = () => Math.max(320, window.innerHeight - 280);

function ActionButton(props: { testId: string; icon: ReactNode; label: string } & Omit<ButtonProps, 'icon'>) {
  const { testId, icon, label, ...rest } = props;
  return (
    <Button size="small" icon={icon} data-testid={testId} {...rest}>
      {label}
    </Button>
  );
}

/** The department tree with its actions; they apply to the selected department. */
export function DepartmentPanel({ selected, onSelect, onDeleted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [formMode, setFormMode] = useState<DepartmentFormMode | null>(null);
  const [moving, setMoving] = useState(false);
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const isRoot = selected?.parentId === null;
  // Without a form, a refusal (a cycle, a department not empty) is said by its message alone; the
  // field reasons that come with it are the server's English and would only repeat it.
  const reportRefusal = (error: unknown) => (isApiError(error) && error.code !== 'common.validation_failed' ? void message.error(error.message) : reportError(error));

  const move = ([target]: { id: number }[]) => {
    if (!selected || !target) return;
    update.mutate(
      { id: selected.id, patch: { parentId: target.id } },
      {
        onSuccess: () => {
          void message.success(t('directory.dept.moved'));
          setMoving(false);
        },
        onError: reportRefusal,
      },
    );
  };

  const confirmDelete = async () => {
    if (!selected) return;
    try {
      await remove.mutateAsync(selected.id);
      void message.success(t('directory.dept.deleted'));
      onDeleted(selected.parentId);
    } catch (error) {
      reportRefusal(error); // e.g. directory.department_not_empty, in the server's words.
    }
  };

  return (
    <Card title={t('directory.dept.title')} styles={{ body: { padding: 12 } }} style={{ height: '100%' }}>
      <Flex wrap gap={6} style={{ marginBottom: 12 }}>
        <ActionButton testId="dept-add-child" icon={<PlusOutlined />} label={t('directory.dept.addChild')} disabled={!selected} onClick={() => setFormMode('create')} />
        <ActionButton testId="dept-rename" icon={<EditOutlined />} label={t('directory.dept.rename')} disabled={!selected} onClick={() => setFormMode('rename')} />
        <ActionButton testId="dept-move" icon={<DragOutlined />} label={t('directory.dept.move')} disabled={!selected || isRoot} onClick={() => setMoving(true)} />
        <ActionButton testId="dept-order" icon={<OrderedListOutlined />} label={t('directory.dept.order')} disabled={!selected || isRoot} onClick={() => setFormMode('order')} />
        <Popconfirm
          title={t('directory.dept.deleteTitle')}
          description={selected ? t('directory.dept.deleteConfirm', { name: selected.name }) : undefined}
          onConfirm={confirmDelete}
          okButtonProps={{ danger: true, 'data-testid': 'dept-delete-confirm' } as ButtonProps}
          disabled={!selected || isRoot}
        >
          <ActionButton testId="dept-delete" icon={<DeleteOutlined />} label={t('directory.dept.delete')} danger disabled={!selected || isRoot} />
        </Popconfirm>
      </Flex>
      <div data-testid="directory-tree">
        <DepartmentTree mode="select" testIdPrefix="tree-node" height={treeHeight()} selectedId={selected?.id} onSelect={onSelect} />
      </div>
      {selected && (
        <>
          <DepartmentFormModal mode={formMode} department={selected} onClose={() => setFormMode(null)} />
          <DepartmentPicker
            open={moving}
            title={t('directory.dept.moveTitle', { name: selected.name })}
            disabledIds={[selected.id]}
            confirmLoading={update.isPending}
            onOk={move}
            onCancel={() => setMoving(false)}
          />
        </>
      )}
    </Card>
  );
}
