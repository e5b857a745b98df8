// Pure: split hosts into serial batches (a count or a percentage, as Ansible's `serial`).

import { OrchestrateError } from '../errors.ts';

/** Batches of at most `serial` hosts; undefined serial = one batch of all. */
export function batches<T>(items: readonly T[], serial: number | string | undefined): T[][] {
  if (items.length === 0) return [];
  const size = batchSize(items.length, serial);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function batchSize(total: number, serial: number | string | undefined): number {
  if (serial === undefined) return total;
  if (typeof serial === 'number') {
    if (!Number.isInteger(serial) || serial < 1) throw badSerial(String(serial));
    return serial;
  }
  const m = /^(\d+(?:\.\d+)?)%$/.exec(serial.trim());
  if (m) return Math.max(1, Math.floor((total * Number(m[1])) / 100));
  if (/^\d+$/.test(serial.trim()) && Number(serial) >= 1) return Number(serial);
  throw badSerial(serial);
}

function badSerial(v: string): OrchestrateError {
  return new OrchestrateError('PLAYBOOK_INVALID', `serial "${v}" is neither a positive count nor a percentage`, {
    fix: 'use serial: 1, serial: 2 or serial: "30%"',
  });
}

/** True when the failed share of a batch exceeds maxFailPercentage (Ansible: strictly greater). */
export function exceedsFailPercentage(failed: number, total: number, maxFailPercentage: number | undefined): boolean {
  if (maxFailPercentage === undefined || total === 0) return false;
  return (failed / total) * 100 > maxFailPercentage;
}
