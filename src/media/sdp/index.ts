export { answerOffer } from './answer-offer.js';
export {
  type AudioCodec,
  DEFAULT_TELEPHONE_EVENT,
  type LocalMedia,
  type MediaDirection,
  type NegotiatedMedia,
  PCMA_PAYLOAD_TYPE,
  PCMU_PAYLOAD_TYPE,
  type RtpEndpoint,
} from './negotiated-media.js';
export { buildOffer, readAnswer } from './offer-answer.js';
