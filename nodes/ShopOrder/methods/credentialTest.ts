import { shopCredentialTests } from '../../shared/credential-test';

/** Each registered shop's credential test, by the name its definition gives (`credentialTest`). */
export const credentialTest = shopCredentialTests();
