import { onMounted, onUnmounted } from 'vue';

function typing(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Esc outside any field and with no dialog open clears the page's filters, as list tools do. A
 * dialog (palette, help, confirmations) takes Esc for itself: clearing behind it would surprise.
 */
export function useEscapeClears(clear: () => void): void {
  const onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || typing(event.target)) return;
    if (document.querySelector('.n-modal, [role="dialog"]')) return;
    clear();
  };
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onUnmounted(() => window.removeEventListener('keydown', onKeydown));
}
