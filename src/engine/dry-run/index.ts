export { BridgeGate } from './bridge-gate.js';
export { formatSimulatedCall } from './format-trace.js';
export { type RecordedMail, RecordingMailer } from './recording-mailer.js';
export { ScriptedCallControl, type ScriptedCallOptions } from './scripted-call-control.js';
export {
  DTMF_SCRIPT,
  type PlayedPrompts,
  parseDtmfScript,
  type ScriptedInput,
  ScriptedMediaControl,
} from './scripted-media.js';
export { type SimulatedCall, type SimulateOptions, simulateCalls } from './simulate-calls.js';
export { VirtualClock } from './virtual-clock.js';
