"""Verifies one Security Event Token with PyJWT, a JOSE implementation that shares no code with RiskEngine.

Usage: verify_set.py JWKS_FILE AUDIENCE ISSUER < token
Prints {"header": ..., "claims": ...} and exits 0 when the SET verifies; prints the reason and exits 1 otherwise.
"""
import json
import sys

import jwt


def main():
    jwks_file, audience, issuer = sys.argv[1:4]
    token = sys.stdin.read().strip()
    with open(jwks_file, encoding="utf-8") as f:
        jwks = jwt.PyJWKSet.from_dict(json.load(f))
    header = jwt.get_unverified_header(token)
    if header.get("typ") != "secevent+jwt":
        raise jwt.InvalidTokenError(f"typ is {header.get('typ')!r}")
    matching = [k for k in jwks.keys if k.key_id == header.get("kid")]
    if not matching:
        raise jwt.InvalidTokenError(f"no key with kid {header.get('kid')!r}")
    key = matching[0]
    # The algorithm comes from the JWK, never from the token, so a token cannot pick a weaker one.
    algorithm = {"RSA": "RS256", "EC": "ES256"}[key.key_type]
    claims = jwt.decode(token, key.key, algorithms=[algorithm], audience=audience, issuer=issuer,
                        options={"require": ["iss", "iat", "jti", "aud"]})
    if "sub" in claims or "exp" in claims or len(claims.get("events", {})) != 1 or "sub_id" not in claims:
        raise jwt.InvalidTokenError("not a SET: needs sub_id and exactly one event, no sub or exp")
    print(json.dumps({"header": header, "claims": claims}, separators=(",", ":")))


if __name__ == "__main__":
    try:
        main()
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
