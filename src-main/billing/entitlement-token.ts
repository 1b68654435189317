// Checks an entitlement token offline: ES256 signature with the configured public key, issuer (the account server),
// audience (this app). An expired token is still read (its signature checked) so that the plan survives an outage of
// the account server for a grace period; whether it is expired is reported, not thrown.
import { decodeJwt, importSPKI, jwtVerify } from 'jose';
import { ENTITLEMENT_AUDIENCE, EntitlementClaims } from '../../src-shared';

export interface VerifiedEntitlement extends EntitlementClaims {
  subject: string;
  /** ms since the epoch */
  issuedAt: number;
  expiresAt: number;
  token: string;
}

export class EntitlementRefused extends Error {
  constructor(reason: string) {
    super(`the plan from the account server was refused: ${reason}`);
    this.name = 'EntitlementRefused';
  }
}

const MAX_TOKEN_CHARS = 4096;

export class EntitlementKey {
  private constructor(private readonly key: CryptoKey, private readonly issuer: string) {}

  static async fromPem(pem: string, issuer: string): Promise<EntitlementKey> {
    return new EntitlementKey(await importSPKI(pem, 'ES256'), issuer);
  }

  async verify(token: string, now: number): Promise<VerifiedEntitlement> {
    if (token.length > MAX_TOKEN_CHARS) throw new EntitlementRefused('the token is too long');
    let exp: number | undefined;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      throw new EntitlementRefused('it is not a JWT');
    }
    if (typeof exp !== 'number') throw new EntitlementRefused('it has no expiry');
    try {
      // Checked as of a moment it was valid: the signature and claims either hold or not; expiry is weighed apart.
      const { payload } = await jwtVerify(token, this.key, {
        issuer: this.issuer,
        audience: ENTITLEMENT_AUDIENCE,
        algorithms: ['ES256'],
        currentDate: new Date(Math.min(now, exp * 1000 - 1000)),
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const claims = EntitlementClaims.parse(payload);
      return { ...claims, subject: payload.sub!, issuedAt: payload.iat! * 1000, expiresAt: exp * 1000, token };
    } catch (error) {
      throw new EntitlementRefused((error as Error).message);
    }
  }
}
