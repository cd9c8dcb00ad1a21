export * as loadOptions from './loadOptions';
export { credentialTest } from './credentialTest';
