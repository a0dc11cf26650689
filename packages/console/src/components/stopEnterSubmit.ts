import type { KeyboardEvent } from 'react';

/**
 * Enter confirms a value typed into a date/time picker; without this it would also submit the
 * surrounding form. Put on a wrapper: it runs after the picker has handled the key.
 */
export function stopEnterSubmit(event: KeyboardEvent) {
  if (event.key === 'Enter') event.preventDefault();
}
