import { DeleteOutlined, DragOutlined } from '@ant-design/icons';
import { App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchResult } from '../../api/types';
import { useErrorReporter } from '../../api/useErrorReporter';
import { DepartmentPicker, type PickedDepartment } from './DepartmentPicker';
import { useBatchDeleteMembers, useMoveMembers } from './useMembers';

interface Props {
  userids: string[];
  /** Called after a batch ran, with the userids it succeeded for. */
  onDone: (done: string[]) => void;
}

/** Moving or deleting the selected members; the server reports each failure, and they are listed. */
export function MemberBatchActions({ userids, onDone }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const reportError = useErrorReporter();
  const move = useMoveMembers();
  const remove = useBatchDeleteMembers();
  const [moving, setMoving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const count = userids.length;

  const showResult = (result: BatchResult, success: string) => {
    onDone(result.done);
    if (result.failed.length === 0) {
      void message.success(success);
      return;
    }
    modal.warning({
      title: t('directory.batch.failedTitle'),
      content: (
        <Flex vertical gap="small" data-testid="batch-failures">
          <Typography.Text>{t('directory.batch.partial', { done: result.done.length, failed: result.failed.length })}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }}>
            {result.failed.map((failure) => (
              <li key={failure.userid}>
                <Typography.Text code>{failure.userid}</Typography.Text> {failure.message}
              </li>
            ))}
          </ul>
        </Flex>
      ),
    });
  };

  const moveTo = ([target]: PickedDepartment[]) => {
    if (!target) return;
    move.mutate(
      { userids, departmentId: target.id },
      {
        onSuccess: (result) => {
          setMoving(false);
          showResult(result, t('directory.batch.moved', { count: result.done.length, name: target.name }));
        },
        onError: (error) => reportError(error),
      },
    );
  };

  const confirmDelete = () =>
    remove.mutate(userids, {
      onSuccess: (result) => {
        setDeleting(false);
        showResult(result, t('directory.batch.deleted', { count: result.done.length }));
      },
      onError: (error) => reportError(error),
    });

  return (
    <>
      <Button icon={<DragOutlined />} disabled={count === 0} onClick={() => setMoving(true)} data-testid="members-batch-move">
        {t('directory.batch.move')}
      </Button>
      <Button danger icon={<DeleteOutlined />} disabled={count === 0} onClick={() => setDeleting(true)} data-testid="members-batch-delete">
        {t('directory.batch.delete')}
      </Button>
      <DepartmentPicker open={moving} title={t('directory.batch.moveTitle', { count })} hint={t('directory.batch.moveHint')} confirmLoading={move.isPending} onOk={moveTo} onCancel={() => setMoving(false)} />
      <Modal
        open={deleting}
        title={t('directory.batch.deleteTitle')}
        onCancel={() => setDeleting(false)}
        footer={
          <Flex justify="end" gap="small">
            <Button onClick={() => setDeleting(false)}>{t('common.cancel')}</Button>
            <Button type="primary" danger loading={remove.isPending} onClick={confirmDelete} data-testid="members-batch-delete-confirm">
              {t('common.confirm')}
            </Button>
          </Flex>
        }
      >
        {t('directory.batch.deleteConfirm', { count })}
      </Modal>
    </>
  );
}
