import packageJson from '../../package.json';

/** The version from package.json, bundled at build time so the app never reads files to know it. */
export const APP_VERSION: string = packageJson.version;
