import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';

/** Maps a server field path ('calendar.workingHours.0.start') to a form field, or null when the form has none. */
export type FieldPathMapper = (path: string) => FieldName | null;
export type FieldName = (string | number)[];

export function pathToName(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A mapper accepting server paths whose first segment is one of the form's top-level fields. */
export function topLevelFields(...names: string[]): FieldPathMapper {
  return (path) => (names.includes(path.split('.')[0] ?? '') ? pathToName(path) : null);
}

/**
 * Shows an API error: its (already localized) message as a toast, and its field reasons on the form
 * fields they concern. Reasons for fields the form does not show are appended to the toast.
 */
export function useErrorReporter() {
  const { message } = App.useApp();
  const { t } = useTranslation();

  return useCallback(
    (error: unknown, form?: FormInstance, mapPath?: FieldPathMapper) => {
      if (!(error instanceof ApiError)) {
        void message.error(t('errors.unexpected'));
        return;
      }
      const unplaced: string[] = [];
      if (form && mapPath) {
        const byField = new Map<string, { name: FieldName; errors: string[] }>();
        for (const field of error.fields) {
          const name = mapPath(field.path);
          if (name === null) {
            unplaced.push(`${field.path}: ${field.reason}`);
            continue;
          }
          const key = JSON.stringify(name);
          const entry = byField.get(key) ?? { name, errors: [] };
          entry.errors.push(field.reason);
          byField.set(key, entry);
        }
        form.setFields([...byField.values()]);
      } else {
        unplaced.push(...error.fields.map((field) => `${field.path}: ${field.reason}`));
      }
      void message.error([error.message, ...unplaced].join(t('common.separator')));
    },
    [message, t],
  );
}
