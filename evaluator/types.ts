// Types shared by the loader, the engine, the analysers and the API/CLI that read controls.
import type { Asset, Severity } from '../store/model';

/** A condition as written in YAML (see controls/LANGUAGE.md); checked and compiled by evaluator/engine/compile.ts. */
export type ConditionSource = Record<string, unknown> | unknown[];

export interface Remediation {
  console?: string[];
  cli?: string;
  terraform?: string;
}

/** The control file's fields, as validated. */
export interface ControlDefinition {
  id: string;
  title: string;
  severity: Severity;
  resourceTypes: string[];
  scope: 'regional' | 'global';
  applies?: ConditionSource;
  condition: ConditionSource;
  rationale: string;
  remediation: Remediation;
  references: string[];
  standalone: boolean;
  passMessage?: string;
  failMessage?: string;
}

/** A control ready to run: the definition, where it came from, and its compiled condition. */
export interface LoadedControl extends ControlDefinition {
  /** Path of the YAML file it was read from. */
  file: string;
  /** true when it came from a custom folder (CLOUDWARD_CONTROLS_DIR / extraDirs), not controls/. */
  custom: boolean;
  /** Compiled closures; built once at load (see evaluator/engine/compile.ts). */
  compiled: import('./engine/compile').CompiledControl;
}

export interface FrameworkSection {
  id: string;
  title: string;
}

export interface FrameworkRequirement {
  id: string;
  title: string;
  section?: string;
  assessment: 'automated' | 'manual';
  controls: string[];
  description?: string;
}

export interface Framework {
  id: string;
  name: string;
  version: string;
  source: string;
  description?: string;
  sections: FrameworkSection[];
  requirements: FrameworkRequirement[];
  file: string;
}

export interface ControlSet {
  controls: LoadedControl[];
  frameworks: Framework[];
}

/** An asset as the engine sees it: the stored asset plus its analyser facts. */
export type EvalAsset = Asset & { facts?: Record<string, unknown> };
