import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { extAttrSchema } from '@orgdesk/contracts';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../components/zodRule';

const maxAttrs = 20;
const attrFields = extAttrSchema.element.shape;

/** Custom attributes: a list of name/value pairs with unique names. */
export function ExtAttrList() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('directory.member.extattr')}>
      <Form.List name="extattr">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, 'name']}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[
                    { required: true, message: t('validation.required') },
                    zodRule(attrFields.name, t('validation.attrName')),
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: string | undefined) => {
                        const names = ((getFieldValue('extattr') as { name?: string }[] | undefined) ?? []).map((attr) => attr.name?.trim());
                        if (value?.trim() && names.filter((name) => name === value.trim()).length > 1) throw new Error(t('validation.attrRepeat'));
                      },
                    }),
                  ]}
                >
                  <Input placeholder={t('directory.member.attrName')} maxLength={32} data-testid={`member-form-attr-name-${field.name}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} style={{ flex: 2, marginBottom: 0 }} rules={[zodRule(attrFields.value, t('validation.maxLength', { max: 256 }))]}>
                  <Input placeholder={t('directory.member.attrValue')} maxLength={256} data-testid={`member-form-attr-value-${field.name}`} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('directory.member.removeAttr')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            {fields.length < maxAttrs && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} data-testid="member-form-attr-add">
                {t('directory.member.addAttr')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
