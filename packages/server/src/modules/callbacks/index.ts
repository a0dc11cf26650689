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
export { CallbackOutbox, type SealedReceiver } from './outbox';
export { CallbackDispatcher, type DispatcherOptions } from './dispatcher';
export { contactEvent, eventXml } from './contact-events';
export { approvalInfoXml, type ApprovalChangeInfo } from './approval-events';
