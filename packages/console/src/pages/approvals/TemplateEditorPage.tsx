import { ArrowLeftOutlined } from '@ant-design/icons';
import type { FieldError, Template, TemplateInput } from '@orgdesk/contracts';
import { App, Button, Card, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useErrorReporter } from '../../api/useErrorReporter';
import { LoadFailed } from '../../components/LoadFailed';
import { ControlsEditor } from './editor/ControlsEditor';
import { emptyTemplate } from './editor/draft';
import { EditorErrors, FieldErrors } from './editor/errors';
import { NodeList } from './editor/NodeList';
import { BasicsCard, SettingsCard } from './editor/TemplateSettings';
import { toInput, useSaveTemplate, useTemplate } from './useApprovalAdmin';

/** 新建 / 编辑审批模板: loads the template (when editing) and hands it to the editor. */
export default function TemplateEditorPage() {
  const { id } = useParams();
  const template = useTemplate(id);
  if (!id) return <TemplateEditor />;
  if (template.isError) return <LoadFailed error={template.error} onRetry={() => void template.refetch()} />;
  if (!template.data) return <Spin />;
  // A new version from the server (after saving) starts the draft afresh.
  return <TemplateEditor key={template.data.version} template={template.data} />;
}

/** The editor: basics, the form builder, the flow editor and settings; the server's errors show where they point. */
function TemplateEditor({ template }: { template?: Template }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const save = useSaveTemplate();
  const reportError = useErrorReporter();
  const [draft, setDraft] = useState<TemplateInput>(() => (template ? toInput(template) : emptyTemplate({ title: t('approvals.editor.controlType.Textarea'), approver: t('approvals.editor.approverNode') })));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = (patch: Partial<TemplateInput>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = () =>
    save.mutate(
      { id: template?.id, input: { ...draft, name: draft.name.trim() } },
      {
        onSuccess: (saved) => {
          setErrors([]);
          void message.success(template ? t('approvals.templates.saved') : t('approvals.templates.created'));
          if (!template) void navigate(`/workbench/approvals/templates/${saved.id}`, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fields.length) {
            // Each part of the editor shows the errors at its path; the toast only says to look.
            setErrors(error.fields);
            void message.error(`${error.message}${t('common.separator')}${t('approvals.editor.fixErrors')}`);
          } else reportError(error);
        },
      },
    );

  return (
    <EditorErrors.Provider value={errors}>
      <Flex vertical gap="middle" data-testid="template-editor">
        <Link to="/workbench/approvals/templates" data-testid="editor-back">
          <ArrowLeftOutlined /> {t('approvals.editor.back')}
        </Link>
        <BasicsCard draft={draft} title={template ? t('approvals.editor.editTitle') : t('approvals.editor.createTitle')} onChange={set} />
        <ControlsEditor controls={draft.controls} onChange={(controls) => set({ controls })} />
        <Card title={t('approvals.editor.flow')} data-testid="editor-flow">
          <FieldErrors path="flow" exclude={draft.flow.map((_, i) => String(i))} />
          <NodeList nodes={draft.flow} path="flow" controls={draft.controls} onChange={(flow) => set({ flow })} />
        </Card>
        <SettingsCard draft={draft} onChange={set} />
        <Flex justify="end" gap="small">
          <Link to="/workbench/approvals/templates">
            <Button>{t('common.cancel')}</Button>
          </Link>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="editor-save">
            {t('approvals.editor.save')}
          </Button>
        </Flex>
      </Flex>
    </EditorErrors.Provider>
  );
}
