import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useOpenedOnce } from './use-opened-once';

describe('useOpenedOnce', () => {
  it('is false until the dialog first opens, true in the same update, and stays true after it closes', async () => {
    const show = ref(false);
    const opened = useOpenedOnce(() => show.value);
    expect(opened.value).toBe(false);
    show.value = true;
    expect(opened.value).toBe(true);
    show.value = false;
    await nextTick();
    expect(opened.value).toBe(true);
  });

  it('is true at once for a dialog that starts open', () => {
    expect(useOpenedOnce(() => true).value).toBe(true);
  });
});
