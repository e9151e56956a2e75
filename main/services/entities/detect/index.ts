// Offline detection of entity mentions (people, places, organisations) in news text.
// `createDetector()` loads the gazetteers and dictionaries once; `detect()` is then pure and synchronous.
export { createDetector } from './detector.ts';
export { detectLanguage } from './language.ts';
export type { DetectOptions, Detector, DetectorOptions, EntityType, Mention } from './types.ts';
