import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Named departments, tags and members as small tags; a dash when there are none. */
export function NamedList({ departments = [], tags = [], members = [] }: { departments?: { id: number; name: string }[]; tags?: { id: number; name: string }[]; members?: { userid: string; name: string }[] }) {
  const { t } = useTranslation();
  if (departments.length + tags.length + members.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {departments.map((d) => (
        <Tag key={`d${d.id}`} color="blue" style={{ marginInlineEnd: 0 }}>
          {d.name}
        </Tag>
      ))}
      {tags.map((tag) => (
        <Tag key={`t${tag.id}`} color="purple" style={{ marginInlineEnd: 0 }}>
          {t('visibility.tagPrefix')}
          {tag.name}
        </Tag>
      ))}
      {members.map((m) => (
        <Tag key={`m${m.userid}`} style={{ marginInlineEnd: 0 }}>
          {m.name}
        </Tag>
      ))}
    </Flex>
  );
}
