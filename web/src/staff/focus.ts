import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus to the element when `key` changes (a confirmation appearing, another record shown),
 * so that a keyboard or screen reader user meets it rather than staying on the button they pressed.
 */
export function useFocusOnShow<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
