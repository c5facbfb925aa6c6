/** Public surface of the secret stores. */
export { SecretError, assertSecretRef, type SecretStore, type SecretStoreDescription, type SecretErrorCode } from './secret-store';
export { MemorySecretStore } from './memory-secret-store';
export { EncryptedSecretStore, type EncryptedSecretStoreOptions } from './encrypted-secret-store';
export { PassphraseCipher, type SecretCipher } from './secret-cipher';
