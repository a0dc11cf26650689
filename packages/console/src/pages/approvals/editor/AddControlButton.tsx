import { PlusOutlined } from '@ant-design/icons';
import { controlTypes, type ControlType } from '@orgdesk/contracts';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

/** A button opening the list of control types; the new control gets its type's name as its title. */
export function AddControlButton({ label, withTable, testId, onAdd }: { label: string; withTable: boolean; testId: string; onAdd: (type: ControlType, title: string, firstOption: string) => void }) {
  const { t } = useTranslation();
  const types = controlTypes.filter((type) => withTable || type !== 'Table');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: types.map((type) => ({ key: type, label: <span data-testid={`${testId}-${type}`}>{t(`approvals.editor.controlType.${type}`)}</span> })),
        onClick: ({ key }) => onAdd(key as ControlType, t(`approvals.editor.controlType.${key as ControlType}`), `${t('approvals.editor.optionText')} 1`),
      }}
    >
      <Button icon={<PlusOutlined />} style={{ alignSelf: 'start' }} data-testid={testId}>
        {label}
      </Button>
    </Dropdown>
  );
}
