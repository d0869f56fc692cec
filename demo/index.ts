// Public surface of the demo estate: load it into a store, or read a demo account through the replay.
export {
  loadDemo,
  demoSyncOptions,
  demoCredentials,
  isDemoAccount,
  DEMO_ROLE_NAME,
  DEMO_ORGANIZATION_NAME,
  type LoadDemoOptions,
  type LoadDemoResult,
} from './load';
export { demoRecordings, type DemoRecordingOptions } from './recordings';
export { replayClientConfig, type ReplayStats } from './replay';
export {
  Recording,
  ANY_REGION,
  type RecordedAnswer,
  type RecordedCall,
  type RecordedError,
} from './recording';
export { demoModules } from './modules';
export {
  DEMO_ACCOUNTS,
  DEMO_REGIONS,
  DEMO_ROUNDS,
  FINAL_ROUND,
  demoAccount,
  type DemoAccount,
} from './estate/profile';
export {
  DEMO_MANAGEMENT_ACCOUNT_ID,
  DEMO_MEMBERS,
  DEMO_ORGANIZATION_ID,
  DEMO_UNITS,
  type DemoMember,
} from './estate/organization';
