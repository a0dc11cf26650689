import type { FormRule } from 'antd';

interface SafeParser {
  safeParse(value: unknown): { success: boolean };
}

/**
 * An antd form rule that checks a value with the server's own schema but speaks the UI language
 * (the schemas' messages are English).
 */
export function zodRule(schema: SafeParser, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return; // `required` reports emptiness.
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
