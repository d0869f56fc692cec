// Public surface of the evaluator: load controls, evaluate an estate (store-less) or an account (store).
export {
  loadControls,
  defineControl,
  collectControls,
  ControlLoadError,
  builtinControlsDir,
  defaultExtraDirsFromEnv,
  type LoadControlsOptions,
} from './controls/loader';
export {
  evaluateEstate,
  evaluateEstateEach,
  type EvaluateEstateOptions,
  type EstateEvaluation,
} from './evaluate-estate';
export { unreadTypesOf, type DeclaredTypes } from './unread-types';
export { controlInputTypes, controlsReading, ANY_TYPE } from './control-inputs';
export { findingFingerprint, type FindingIdentity } from './fingerprint';
export type { UnreadType } from './engine/estate';
export { runAnalysers } from './analysers';
export { evaluate } from './engine/evaluate';
export { Estate } from './engine/estate';
export { compileCondition } from './engine/compile';
export {
  compileTemplate,
  remediationFor,
  renderRemediation,
  type CompiledTemplate,
  type TemplateSource,
} from './engine/template';
export { knownResourceTypes, isGlobalResourceType } from './catalog';
export type {
  LoadedControl,
  ControlDefinition,
  ControlSet,
  Framework,
  FrameworkRequirement,
  FrameworkSection,
  EvalAsset,
  Remediation,
} from './types';
export {
  evaluateAccount,
  AccountDisabledError,
  type EvaluateAccountOptions,
  type AccountEvaluation,
} from './evaluate-account';
export {
  countResults,
  countResult,
  countsFromStore,
  scoreFramework,
  scoreSnapshot,
  type Score,
  type FrameworkScore,
  type RequirementScore,
  type SectionScore,
  type Tally,
} from './scores';
export { analyseExposure, type ExposureFact } from './analysers/exposure';
export { analysePublicAccess, type PublicFact } from './analysers/public-access';
export { analyseIam, type IamFacts } from './analysers/iam';
export { defaultControlSet, resetDefaultControlSet, resolveControlIdsIn } from './controls/default-set';
