import type { Control, FlowNode } from '@orgdesk/contracts';
import { Button, Flex, Form, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { topLevelFields, useErrorReporter } from '../../../api/useErrorReporter';
import { ControlField } from './controls/ControlField';
import { PortalMemberSelect } from './controls/pickers';
import { useMyProfile } from '../usePortal';
import { applicantChoiceNodes, cleanForm } from './formValues';

interface Values {
  form?: Record<string, unknown>;
  departmentId?: number;
  urgent?: boolean;
  chosenApprovers?: Record<string, string[]>;
}

/** What the form gives its page to send. */
export interface ApplyValues {
  form: Record<string, unknown>;
  /** 提单部门, when the member belongs to several; otherwise the server takes their main department. */
  departmentId?: number;
  urgent: boolean;
  chosenApprovers: Record<string, string[]>;
}

interface Props {
  controls: Control[];
  /** The template's flow, for the approvers the applicant picks; none when resubmitting (the route stays). */
  flow: FlowNode[];
  initialForm?: Record<string, unknown>;
  submitting: boolean;
  /** Sends the values; rejects with the API error, which the form shows on its fields. */
  onSubmit: (values: ApplyValues) => Promise<unknown>;
  submitLabel: string;
}

/** Server paths: `form.<control>[.<row>.<column>]`, `chosenApprovers.<node>`, `urgent`. */
const fieldPath = topLevelFields('form', 'chosenApprovers', 'urgent', 'departmentId');

/** The form of a template: one field per control, 加急, and the approvers of 自选 steps. */
export function ApplyForm({ controls, flow, initialForm, submitting, onSubmit, submitLabel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter();
  const choices = applicantChoiceNodes(flow);
  // A member of several departments says which one the request is for (it decides the leaders who approve).
  const departments = useMyProfile().data?.departments ?? [];
  const askDepartment = initialForm === undefined && departments.length > 1;
  // A required table starts with one row to fill in.
  const initialTables = Object.fromEntries(controls.filter((c) => c.type === 'Table' && c.required).map((c) => [c.id, [{}]]));

  const submit = (values: Values) =>
    void onSubmit({ form: cleanForm(values.form), departmentId: values.departmentId, urgent: values.urgent ?? false, chosenApprovers: values.chosenApprovers ?? {} }).catch((error: unknown) => reportError(error, form, fieldPath));

  return (
    <Form<Values> form={form} layout="vertical" style={{ maxWidth: 880 }} initialValues={{ form: initialForm ?? initialTables, urgent: false }} onFinish={submit} scrollToFirstError data-testid="apply-form">
      {controls.map((control) => (
        <ControlField key={control.id} control={control} name={['form', control.id]} testId={`apply-field-${control.id}`} />
      ))}
      {askDepartment && (
        <Form.Item name="departmentId" label={t('approvals.portal.department')} extra={t('approvals.portal.departmentHelp')}>
          <Select<number> allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} style={{ maxWidth: 320 }} data-testid="apply-department" />
        </Form.Item>
      )}
      {choices.map((node) => (
        <Form.Item key={node.id} name={['chosenApprovers', node.id]} label={t('approvals.portal.chosenApprovers', { node: node.name })} extra={t('approvals.portal.chosenApproversHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <PortalMemberSelect multi testId={`apply-chosen-${node.id}`} />
        </Form.Item>
      ))}
      {initialForm === undefined && (
        <Form.Item name="urgent" label={t('approvals.portal.urgentLabel')} valuePropName="checked">
          <Switch data-testid="apply-urgent" />
        </Form.Item>
      )}
      <Flex justify="end">
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="apply-submit">
          {submitLabel}
        </Button>
      </Flex>
    </Form>
  );
}
