import { bankReferenceSchema, type PayoutBatch } from '@orgdesk/contracts';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../api/useErrorReporter';
import { zodRule } from '../../components/zodRule';
import { Amount, PayeeCell } from './payoutDisplay';
import { useBatch, useConfirmBatch, type BatchDetail } from './usePayouts';

type Line = BatchDetail['lines'][number];

/**
 * 确认到账: the bank's reference for the batch, and the lines it returned with their reasons. Lines already marked
 * failed are shown but cannot be ticked; every other unticked line is recorded as paid.
 */
export function ConfirmBatchModal({ batch, onClose }: { batch: PayoutBatch; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<{ bankReference: string }>();
  const detail = useBatch(batch.id);
  const confirm = useConfirmBatch();
  const [failed, setFailed] = useState<Record<string, string>>({});

  const submit = ({ bankReference }: { bankReference: string }) => {
    const failures = Object.entries(failed).map(([payoutId, reason]) => ({ payoutId, reason: reason.trim() }));
    confirm.mutate(
      { id: batch.id, bankReference: bankReference.trim(), failures },
      {
        onSuccess: (answer) => {
          void message.success(answer.alreadySettled ? t('payouts.confirm.already') : t('payouts.confirm.settled', { paid: answer.batch.paidCount, failed: answer.batch.failedCount }));
          onClose();
        },
        onError: (error) => reportError(error, form, (path) => (path === 'bankReference' ? ['bankReference'] : null)),
      },
    );
  };

  const columns: TableColumnsType<Line> = [
    { key: 'lineNo', title: t('payouts.column.lineNo'), dataIndex: 'lineNo', width: 60 },
    { key: 'payee', title: t('payouts.column.payee'), render: (_, l) => <PayeeCell payee={l.payee} /> },
    { key: 'amount', title: t('payouts.column.amount'), align: 'right', render: (_, l) => <Amount fen={l.amountFen} /> },
    {
      key: 'failed',
      title: t('payouts.confirm.failedLine'),
      render: (_, l) => {
        if (l.result === 'failed') return `${t('payouts.status.failed')}：${l.failureReason ?? ''}`;
        const ticked = l.payoutId in failed;
        return (
          <Flex vertical gap={4}>
            <Checkbox
              checked={ticked}
              onChange={(e) => setFailed(({ [l.payoutId]: _dropped, ...rest }) => (e.target.checked ? { ...rest, [l.payoutId]: '' } : rest))}
              data-testid={`confirm-fail-${l.lineNo}`}
            />
            {ticked && <Input size="small" maxLength={200} placeholder={t('payouts.confirm.reasonPlaceholder')} value={failed[l.payoutId]} onChange={(e) => setFailed((f) => ({ ...f, [l.payoutId]: e.target.value }))} data-testid={`confirm-reason-${l.lineNo}`} />}
          </Flex>
        );
      },
    },
  ];
  const reasonsMissing = Object.values(failed).some((r) => r.trim() === '');

  return (
    <Modal open title={t('payouts.confirm.title', { batchNo: batch.batchNo })} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="confirm-batch-form">
        <Alert type="info" showIcon title={t('payouts.confirm.hint')} style={{ marginBottom: 12 }} />
        <Form.Item name="bankReference" label={t('payouts.confirm.reference')} rules={[{ required: true, message: t('validation.required') }, zodRule(bankReferenceSchema, t('payouts.confirm.referenceRule'))]}>
          <Input maxLength={64} data-testid="confirm-reference" />
        </Form.Item>
        <Table<Line> rowKey="lineNo" size="small" columns={columns} dataSource={detail.data?.lines ?? []} loading={detail.isFetching} pagination={false} scroll={{ y: 320 }} />
        <Flex justify="end" gap="small" style={{ marginTop: 16 }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={confirm.isPending} disabled={reasonsMissing} data-testid="confirm-submit">
            {t('payouts.confirm.submit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
