import type { Control } from '@orgdesk/contracts';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AddControlButton } from './AddControlButton';
import { ControlCard } from './ControlCard';
import { moved, newControl, removed, replaced } from './draft';
import { FieldErrors } from './errors';

/** 表单设计: the template's controls in order, each editable, movable and removable; new ones of any type. */
export function ControlsEditor({ controls, onChange }: { controls: Control[]; onChange: (controls: Control[]) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('approvals.editor.controls')} data-testid="editor-controls">
      {/* Errors about the list itself (none, a repeated id); each control shows its own. */}
      <FieldErrors path="controls" exclude={controls.map((_, i) => String(i))} />
      <Flex vertical gap="small">
        {controls.length === 0 && <Typography.Text type="secondary">{t('approvals.editor.noControls')}</Typography.Text>}
        {controls.map((control, i) => (
          <ControlCard<Control>
            key={control.id}
            control={control}
            index={i}
            count={controls.length}
            path={`controls.${i}`}
            onChange={(next) => onChange(replaced(controls, i, next))}
            onMove={(by) => onChange(moved(controls, i, by))}
            onRemove={() => onChange(removed(controls, i))}
          />
        ))}
        <AddControlButton label={t('approvals.editor.addControl')} withTable testId="add-control" onAdd={(type, title, option) => onChange([...controls, newControl(type, title, option)])} />
      </Flex>
    </Card>
  );
}
