import { assertSecretRef, type SecretStore, type SecretStoreDescription } from './secret-store';

/**
 * Secrets held for this process only (CLI and `serve`: values come from a prompt or the environment).
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  constructor(
    initial?: Record<string, string>,
    /** Shown in Settings: what the user loses when the process stops. */
    private readonly warning?: string,
  ) {
    for (const [ref, value] of Object.entries(initial ?? {})) {
      assertSecretRef(ref);
      this.values.set(ref, value);
    }
  }

  get(ref: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(ref));
  }

  set(ref: string, value: string): Promise<void> {
    return new Promise((resolve) => {
      assertSecretRef(ref);
      this.values.set(ref, value);
      resolve();
    });
  }

  delete(ref: string): Promise<void> {
    this.values.delete(ref);
    return Promise.resolve();
  }

  describe(): SecretStoreDescription {
    return this.warning ? { backend: 'memory', persistent: false, warning: this.warning } : { backend: 'memory', persistent: false };
  }
}
