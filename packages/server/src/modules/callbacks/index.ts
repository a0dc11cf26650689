export {
  decryptMessage,
  encryptedEnvelope,
  encryptMessage,
  isCallbackToken,
  isEncodingAesKey,
  signature,
  type Envelope,
  type EnvelopeInput,
} from './wecom-crypto';
export { verifyCallbackUrl, type VerifyCallbackUrlInput, type VerifyCallbackUrlResult } from './verify-url';
