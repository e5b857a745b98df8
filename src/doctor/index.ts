// The doctor engine: generic read-only checks over SSH; the checks and their list live in a doctor module (--checks).

export type { Check, Doctor, DoctorInput, Finding, ProbeOutput, Verdict } from './types.ts';
export { defineCheck, defineDoctor, finding } from './define.ts';
export { runDoctor, doctorStatus } from './run-doctor.ts';
export type { DoctorOptions, DoctorReport } from './run-doctor.ts';
export { formatDoctorReport } from './format.ts';
export { bundleScript, splitBundle } from './bundle.ts';
