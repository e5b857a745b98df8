import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type {
  KubeApiserverFlags,
  KubeApiserverFlags132,
  KubeApiserverFlags136,
  KubeControllerManagerFlags,
  KubeSchedulerFlags,
} from '../../../../kubernetes/flags/index.ts';

// `tsc --noEmit -p .` fails if any of these lines compiles: each is a mistake the types must refuse.
export const refused = {
  // @ts-expect-error a misspelt flag
  misspelt: { 'advertise-adress': '10.240.0.10' } satisfies KubeApiserverFlags132,
  // @ts-expect-error removed in 1.24 (KTHW 2021 era): not a flag of 1.32
  removed: { 'insecure-port': 0 } satisfies KubeApiserverFlags132,
  // @ts-expect-error new in 1.35: not in the set every listed version accepts
  newer: { 'coordinated-leadership-lease-duration': '15s' } satisfies KubeApiserverFlags,
  // @ts-expect-error a boolean flag given a string
  wrongKind: { 'allow-privileged': 'true' } satisfies KubeApiserverFlags,
  // @ts-expect-error a list flag given one string
  notAList: { 'etcd-servers': 'https://10.240.0.10:2379' } satisfies KubeApiserverFlags,
  // @ts-expect-error the controller manager's --address went in 1.24
  kcmAddress: { address: '0.0.0.0' } satisfies KubeControllerManagerFlags,
  // @ts-expect-error the scheduler has no --cluster-cidr
  schedulerCidr: { 'cluster-cidr': '10.200.0.0/16' } satisfies KubeSchedulerFlags,
};

// ...and these must compile.
export const accepted = {
  apiserver: { 'allow-privileged': true, 'etcd-servers': ['https://a:2379'], v: 2 } satisfies KubeApiserverFlags,
  newer: { 'coordinated-leadership-lease-duration': '15s' } satisfies KubeApiserverFlags136,
  map: { 'runtime-config': { 'api/all': true } } satisfies KubeApiserverFlags,
};

const FLAGS = fileURLToPath(new URL('../../../../kubernetes/flags/index.ts', import.meta.url));

/** Compiles snippets (one program, one file each) against the generated types; returns each one's diagnostics. */
function compile(bodies: readonly string[]): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'orch-flags-ts-'));
  try {
    const files = bodies.map((body, i) => {
      const file = join(dir, `snippet${i}.ts`);
      writeFileSync(file, `import type * as F from ${JSON.stringify(FLAGS)};\n${body}\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    });
    return files.map((f) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(f))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('control-plane flags: a misspelt or removed flag does not compile', function () {
  this.timeout(60_000);
  const table: [string, string, RegExp | undefined][] = [
    [
      'misspelt',
      "export const f: F.KubeApiserverFlags = { 'advertise-adress': 'x' };",
      /'advertise-adress'' does not exist/,
    ],
    [
      'removed in 1.24',
      "export const f: F.KubeApiserverFlags132 = { 'insecure-port': 0 };",
      /'insecure-port'' does not exist/,
    ],
    [
      'only in 1.35+',
      "export const f: F.KubeApiserverFlags = { 'min-compatibility-version': '1.32' };",
      /does not exist/,
    ],
    ['wrong kind', "export const f: F.KubeControllerManagerFlags = { 'leader-elect': 'yes' };", /not assignable/],
    ['a good set', "export const f: F.KubeSchedulerFlags = { config: '/etc/x.yaml', v: 2 };", undefined],
  ];
  let diagnostics: string[][] = [];
  before(() => {
    diagnostics = compile(table.map(([, body]) => body));
  });
  for (const [i, [what, , error]] of table.entries())
    it(`GIVEN ${what} WHEN compiled THEN ${error ? 'tsc refuses it' : 'it compiles'}`, () => {
      const diags = diagnostics[i]!;
      if (error === undefined) expect(diags).to.deep.equal([]);
      else expect(diags.join('\n')).to.match(error);
    });
});
