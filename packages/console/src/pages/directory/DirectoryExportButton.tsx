import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department, SheetFormat } from '../../api/types';
import { directoryExportUrl } from './useImports';

const formats: SheetFormat[] = ['xlsx', 'csv'];

/**
 * 导出: the selected department's subtree or the whole directory, as XLSX or CSV, in the import template's
 * columns (an exported file imports back unchanged). The entries are plain download links.
 */
export function DirectoryExportButton({ department }: { department: Department | undefined }) {
  const { t } = useTranslation();
  const links = (scope: 'department' | 'all', departmentId?: number) =>
    formats.map((format) => ({
      key: `${scope}-${format}`,
      label: (
        <a href={directoryExportUrl(format, departmentId)} download data-testid={`directory-export-${scope}-${format}`}>
          {t(`directory.export.${format}`)}
        </a>
      ),
    }));
  // The root's subtree is everything, so it needs no entries of its own.
  const items: MenuProps['items'] = [
    ...(department && department.parentId !== null
      ? [{ type: 'group' as const, key: 'department', label: t('directory.export.department', { name: department.name }), children: links('department', department.id) }]
      : []),
    { type: 'group' as const, key: 'all', label: t('directory.export.all'), children: links('all') },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<ExportOutlined />} data-testid="directory-export">
        {t('directory.export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
