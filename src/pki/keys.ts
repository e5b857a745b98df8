// RSA private keys from node:crypto (PKCS#8 PEM), registered as secrets the moment they exist.

import type { RSAKeyPairOptions } from 'node:crypto';
import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { registerSecret } from '../secret.ts';
import { memoCheck, memoKey } from './check-memo.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

const RSA_OPTIONS = (bits: number): RSAKeyPairOptions<'pem', 'pem'> => ({
  modulusLength: bits,
  publicExponent: 0x10001,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** A new RSA key as PKCS#8 PEM, off the main thread (many keys can be made in parallel). */
export async function generatePrivateKey(bits: number): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', RSA_OPTIONS(bits));
  registerSecret(privateKey);
  return privateKey;
}

/** The same, synchronously (small scripts and tests). */
export function generatePrivateKeySync(bits: number): string {
  const { privateKey } = generateKeyPairSync('rsa', RSA_OPTIONS(bits));
  registerSecret(privateKey);
  return privateKey;
}

/** SPKI PEM of a private key's public half (what a certificate carries). */
export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** RSA modulus length of a private key; undefined for a key that is not RSA. */
export function keyBitsOf(privateKeyPem: string): number | undefined {
  return createPrivateKey(privateKeyPem).asymmetricKeyDetails?.modulusLength;
}

/** True when the certificate carries this private key's public key. */
export function keyMatchesCertificate(privateKeyPem: string, certPem: string): boolean {
  return memoCheck(memoKey('key-match', privateKeyPem, certPem), () => checkKeyMatch(privateKeyPem, certPem));
}

function checkKeyMatch(privateKeyPem: string, certPem: string): boolean {
  try {
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    return false;
  }
}
