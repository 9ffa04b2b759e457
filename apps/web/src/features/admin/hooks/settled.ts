import { useEffect, useState } from 'react';

/** How long typing may pause before a search goes to the server (one request per word, not per key). */
export const SEARCH_DELAY_MS = 300;

/** The value once it has stopped changing for `delay` ms. */
export function useSettled<T>(value: T, delay = SEARCH_DELAY_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
