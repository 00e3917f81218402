#!/usr/bin/python3
"""An RFC 8935 push receiver, written from the RFCs alone (no code shared with the transmitter).

Verifies each SET against the transmitter's JWKS (signature, typ, iss, aud) and answers 202, or 400 with
{"err", "description"} as RFC 8935 section 2.3 defines. Prints "listening <port>" once, then one JSON line
per request: {"status": ..., "err": ..., "claims": {...}, "authorization": ...}.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jwks", required=True, help="JWKS URL of the transmitter")
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--audience", required=True)
    parser.add_argument("--authorization", default=None, help="the Authorization header value to expect")
    args = parser.parse_args()
    jwks = jwt.PyJWKClient(args.jwks, cache_keys=False)

    class Receiver(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def answer(self, status, err=None, description=None, claims=None):
            body = b"" if err is None else json.dumps({"err": err, "description": description}).encode()
            self.send_response(status)
            if body:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            print(json.dumps({"status": status, "err": err, "claims": claims,
                              "authorization": self.headers.get("Authorization")}), flush=True)

        def do_POST(self):
            token = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("ascii", "replace")
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/secevent+jwt":
                return self.answer(400, "invalid_request", "Content-Type must be application/secevent+jwt")
            if args.authorization is not None and self.headers.get("Authorization") != args.authorization:
                return self.answer(400, "authentication_failed", "wrong Authorization header")
            try:
                header = jwt.get_unverified_header(token)
                if header.get("typ") != "secevent+jwt":
                    return self.answer(400, "invalid_request", "typ is not secevent+jwt")
                key = jwks.get_signing_key_from_jwt(token)
                claims = jwt.decode(token, key.key, algorithms=["RS256", "ES256"],
                                    options={"verify_aud": False, "verify_iss": False, "require": ["iss", "iat", "jti", "events"]})
            except (jwt.PyJWKClientError, jwt.InvalidSignatureError, jwt.DecodeError) as error:
                return self.answer(400, "invalid_key", str(error))
            except jwt.InvalidTokenError as error:
                return self.answer(400, "invalid_request", str(error))
            if claims.get("iss") != args.issuer:
                return self.answer(400, "invalid_issuer", "iss is %r" % claims.get("iss"), claims)
            audiences = claims.get("aud")
            audiences = [audiences] if isinstance(audiences, str) else (audiences or [])
            if args.audience not in audiences:
                return self.answer(400, "invalid_audience", "aud is %r" % claims.get("aud"), claims)
            return self.answer(202, claims=claims)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    print("listening %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
