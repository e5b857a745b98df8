// Desired file content on the control machine: its bytes, its sha256, whether it may be shown.

import { createHash } from 'node:crypto';
import { Secret } from '../../secret.ts';

/** What a file module may place: text, bytes, or a secret that is never shown. */
export type Content = string | Buffer | Secret;

/** The exact bytes that land on the host (a Secret is revealed only here, for hashing and upload). */
export function contentBytes(content: Content): Buffer {
  if (content instanceof Secret) return Buffer.from(content.reveal(), 'utf8');
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** sha256 hex of the desired content, compared with the host's `sha256sum`. */
export function sha256Hex(content: Content): string {
  return createHash('sha256').update(contentBytes(content)).digest('hex');
}

/** Decodes the probe's base64 (`base64 -w0`); undefined in, undefined out. */
export function fromBase64(text: string | undefined): Buffer | undefined {
  return text === undefined ? undefined : Buffer.from(text, 'base64');
}

/** Text is what a unified diff can show: valid UTF-8 without NUL bytes. */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
