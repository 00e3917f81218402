#!/usr/bin/python3
"""An RFC 8936 poll client, written from the RFCs alone (no code shared with the transmitter).

Polls the endpoint until it has received --count SETs, verifying each against the JWKS (signature, iss, aud)
and acknowledging it in the next poll (a SET that fails verification is reported in setErrs instead).
Prints one JSON line per SET: {"jti": ..., "claims": {...}} or {"jti": ..., "err": ...}, then "done".
"""
import argparse
import json
import sys
import urllib.request

import jwt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--authorization", required=True)
    parser.add_argument("--jwks", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--audience", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--max-polls", type=int, default=50)
    args = parser.parse_args()
    jwks = jwt.PyJWKClient(args.jwks, cache_keys=False)

    ack, errors, seen = [], {}, set()
    for _ in range(args.max_polls):
        request = {"maxEvents": 10, "returnImmediately": False, "ack": ack}
        if errors:
            request["setErrs"] = errors
        http = urllib.request.Request(args.url, data=json.dumps(request).encode(), method="POST",
                                      headers={"Content-Type": "application/json", "Accept": "application/json",
                                               "Authorization": args.authorization})
        with urllib.request.urlopen(http, timeout=30) as response:
            answer = json.load(response)
        if set(answer) != {"sets", "moreAvailable"}:
            print(json.dumps({"error": "unexpected members %r" % sorted(answer)}), flush=True)
            return 1
        ack, errors = [], {}
        for jti, token in answer["sets"].items():
            try:
                key = jwks.get_signing_key_from_jwt(token)
                claims = jwt.decode(token, key.key, algorithms=["RS256", "ES256"], audience=args.audience, issuer=args.issuer)
            except jwt.InvalidAudienceError as error:
                errors[jti] = {"err": "invalid_audience", "description": str(error)}
                print(json.dumps({"jti": jti, "err": "invalid_audience"}), flush=True)
                continue
            except jwt.InvalidTokenError as error:
                errors[jti] = {"err": "invalid_key", "description": str(error)}
                print(json.dumps({"jti": jti, "err": "invalid_key"}), flush=True)
                continue
            ack.append(jti)
            if jti not in seen:
                seen.add(jti)
                print(json.dumps({"jti": jti, "claims": claims}), flush=True)
        if len(seen) >= args.count and not answer["moreAvailable"]:
            break
    # The last SETs are acknowledged in a poll of their own that asks for nothing more.
    if ack or errors:
        final = {"maxEvents": 0, "returnImmediately": True, "ack": ack}
        if errors:
            final["setErrs"] = errors
        http = urllib.request.Request(args.url, data=json.dumps(final).encode(), method="POST",
                                      headers={"Content-Type": "application/json", "Authorization": args.authorization})
        urllib.request.urlopen(http, timeout=30).read()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
