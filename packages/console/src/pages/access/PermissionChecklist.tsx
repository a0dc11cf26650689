import type { Permission } from '@orgdesk/contracts';
import { Checkbox, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { permissionLabel, permissionModules, ScopedMark } from './accessDisplay';

interface Props {
  value?: Permission[];
  onChange?: (permissions: Permission[]) => void;
  disabled?: boolean;
}

/** The permission catalogue as checkboxes, one row per module with a box choosing the whole module. */
export function PermissionChecklist({ value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  // Keep the catalogue's order whatever order the boxes were ticked in.
  const emit = (next: Set<Permission>) => onChange?.(permissionModules.flatMap((m) => m.permissions.filter((p) => next.has(p))));

  return (
    <Flex vertical gap={12} data-testid="permission-checklist">
      {permissionModules.map(({ module, permissions }) => {
        const held = permissions.filter((p) => chosen.has(p)).length;
        const setModule = (checked: boolean) => {
          const next = new Set(chosen);
          for (const p of permissions) {
            if (checked) next.add(p);
            else next.delete(p);
          }
          emit(next);
        };
        return (
          <Flex key={module} gap="middle" align="baseline" wrap>
            <div style={{ width: 120, flex: 'none' }}>
              <Checkbox
                checked={held === permissions.length}
                indeterminate={held > 0 && held < permissions.length}
                disabled={disabled}
                onChange={(event) => setModule(event.target.checked)}
                data-testid={`permission-module-${module}`}
              >
                <Typography.Text strong>{t(`access.module.${module}`)}</Typography.Text>
              </Checkbox>
            </div>
            <Flex wrap gap={8} style={{ flex: 1, minWidth: 0 }}>
              {permissions.map((permission) => (
                <Checkbox
                  key={permission}
                  checked={chosen.has(permission)}
                  disabled={disabled}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(permission);
                    else next.delete(permission);
                    emit(next);
                  }}
                  data-testid={`permission-${permission}`}
                >
                  {permissionLabel(t, permission)}
                  <ScopedMark permission={permission} />
                </Checkbox>
              ))}
            </Flex>
          </Flex>
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('access.scopedHelp')}
      </Typography.Text>
    </Flex>
  );
}
