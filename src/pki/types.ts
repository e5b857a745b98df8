// The vocabulary of the PKI helpers: what a certificate should be, and what an existing one is.

/** Key usage bits this PKI sets (RFC 5280 names). */
export type KeyUsage = 'digitalSignature' | 'keyEncipherment' | 'keyCertSign' | 'cRLSign';

/** Extended key usages this PKI sets. */
export type ExtKeyUsage = 'serverAuth' | 'clientAuth';

/** A distinguished name; empty fields are left out of the certificate. */
export interface Subject {
  readonly commonName: string;
  /** O: one attribute per entry (consumers often read them as groups). */
  readonly organizations?: readonly string[];
  readonly organizationalUnit?: string;
  readonly country?: string;
  readonly state?: string;
  readonly locality?: string;
}

/** A certificate as it should be: the inputs that decide whether an existing one still fits. */
export interface CertSpec {
  readonly subject: Subject;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** basicConstraints CA:TRUE (a self-signed CA, or an intermediate). */
  readonly isCa?: boolean;
  readonly keyUsages: readonly KeyUsage[];
  readonly extKeyUsages?: readonly ExtKeyUsage[];
  /** Lifetime of a newly issued certificate; changing it does not reissue existing ones. */
  readonly validityDays: number;
  /** RSA modulus length; when set, a certificate with another key size is reissued. */
  readonly keyBits?: number;
}

/** What a certificate is, in a form two certificates (or a spec and a certificate) can be compared by. */
export interface CertIdentity {
  /** Canonical DN, e.g. "CN=admin, O=system:masters, C=US" (O values sorted). */
  readonly subject: string;
  readonly issuer: string;
  /** Sorted, prefixed: "DNS:www.example.org", "IP:192.0.2.1". */
  readonly sans: readonly string[];
  readonly keyUsages: readonly KeyUsage[];
  readonly extKeyUsages: readonly ExtKeyUsage[];
  readonly isCa: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Hex, as in the certificate. */
  readonly serial: string;
  /** RSA modulus length of the certificate's public key. */
  readonly keyBits: number;
  /** sha256 (hex) of the DER certificate, as `openssl x509 -fingerprint -sha256` shows it (without colons). */
  readonly fingerprint: string;
}

/** The issuing side of a signature: the CA certificate and its private key, both PEM. */
export interface Issuer {
  readonly certPem: string;
  readonly keyPem: string;
}
