#!/usr/bin/env python3
"""A stand-in for OPA's Data API, for tests: GET, PUT and PATCH /v1/data/<path> on an in-memory data tree.

Written from OPA's REST API reference and RFCs 6901/6902, independently of the C# client it tests:
  GET    200 {"result": document}, or 200 {} when nothing is there.
  PUT    creates or overwrites, creating missing parents as objects; with "If-None-Match: *" an existing
         document is left alone (304); a parent that is not an object is a write conflict (404); else 204.
  PATCH  a JSON array of RFC 6902 operations, applied all or none. Each operation's path is joined to the
         URL's path; its tokens are percent-decoded, then "~1" becomes "/" and "~0" becomes "~" (as OPA
         does). add: the parent must exist (an object gets the member set, an array an insert at an index or
         "-"); remove and replace: the target must exist; otherwise 404 and nothing changes. OPA accepts only
         add, remove and replace; anything else is 400. Success is 204.
  Errors are {"code": ..., "message": ...}. With --token every request needs "Authorization: Bearer <token>",
  else 401 as OPA's authorization answers.
Test-only, unauthenticated: GET /_standin/requests lists every Data API request seen (method, path,
content type, number of patch operations, whether its token was accepted).

Usage: opa_data_standin.py --port N [--token T]; prints "ready <port>" once listening.
"""

import argparse
import copy
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

DATA_PREFIX = "/v1/data"


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def not_found(path):
    return ApiError(404, "resource_not_found", "storage_not_found_error: /%s: document does not exist" % "/".join(path))


def url_segments(raw):
    """The data path under /v1/data as a list of keys; percent-decoded."""
    trimmed = raw.strip("/")
    return [unquote(s) for s in trimmed.split("/")] if trimmed else []


def patch_segments(url_path, op_path):
    """OPA joins the URL's path with the operation's, then decodes each token: percent first, then ~1 and ~0."""
    joined = "/".join(p for p in (url_path.strip("/"), op_path.strip("/")) if p)
    if not joined:
        return []
    segments = []
    for token in joined.split("/"):
        token = unquote(token, errors="strict")
        segments.append(token.replace("~1", "/").replace("~0", "~"))
    return segments


def child(container, key, path):
    if isinstance(container, dict):
        if key in container:
            return container[key]
    elif isinstance(container, list):
        if key.isdigit() and int(key) < len(container):
            return container[int(key)]
    raise not_found(path)


def resolve(root, path):
    node = root
    for i, key in enumerate(path):
        node = child(node, key, path[: i + 1])
    return node


def array_index(array, key, path, allow_end):
    if allow_end and key == "-":
        return len(array)
    if not key.isdigit() or (len(key) > 1 and key.startswith("0")):
        raise ApiError(400, "invalid_parameter", "invalid patch path: array index %r" % key)
    index = int(key)
    if index > len(array) or (index == len(array) and not allow_end):
        raise not_found(path)
    return index


def apply_operation(root, url_path, operation):
    if not isinstance(operation, dict) or "op" not in operation or "path" not in operation:
        raise ApiError(400, "invalid_parameter", "a patch operation needs op and path")
    op = operation["op"]
    if op not in ("add", "remove", "replace"):
        raise ApiError(400, "invalid_parameter", "invalid patch operation %r" % op)
    if op != "remove" and "value" not in operation:
        raise ApiError(400, "invalid_parameter", "%s needs a value" % op)
    try:
        path = patch_segments(url_path, operation["path"])
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_parameter", "bad patch path %r" % operation["path"])
    if not path:
        if op == "remove":
            raise ApiError(400, "invalid_parameter", "cannot remove the root document")
        if not isinstance(operation["value"], dict):
            raise ApiError(400, "invalid_parameter", "the root document must be an object")
        root.clear()
        root.update(copy.deepcopy(operation["value"]))
        return
    parent = resolve(root, path[:-1])
    key = path[-1]
    if isinstance(parent, dict):
        if op == "add":
            parent[key] = copy.deepcopy(operation["value"])
        elif key not in parent:
            raise not_found(path)
        elif op == "remove":
            del parent[key]
        else:
            parent[key] = copy.deepcopy(operation["value"])
    elif isinstance(parent, list):
        index = array_index(parent, key, path, allow_end=(op == "add"))
        if op == "add":
            parent.insert(index, copy.deepcopy(operation["value"]))
        elif op == "remove":
            del parent[index]
        else:
            parent[index] = copy.deepcopy(operation["value"])
    else:
        raise not_found(path)


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.data = {}
        self.requests = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "opa-data-standin"

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def send(self, status, body=None):
        payload = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ApiError(400, "invalid_parameter", "body is not JSON: %s" % error)

    def handle_api(self, method):
        store = self.server.store
        url = urlsplit(self.path)
        if method == "GET" and url.path == "/_standin/requests":
            with store.lock:
                self.send(200, list(store.requests))
            return
        try:
            body = self.body() if method in ("PUT", "PATCH") else None
            token = self.server.token
            authorized = token is None or self.headers.get("Authorization") == "Bearer " + token
            with store.lock:
                store.requests.append({
                    "method": method,
                    "path": url.path,
                    "content_type": self.headers.get("Content-Type"),
                    "operations": len(body) if method == "PATCH" and isinstance(body, list) else None,
                    "authorized": authorized,
                })
            if not authorized:
                raise ApiError(401, "unauthorized", "request rejected by administrative policy")
            if url.path != DATA_PREFIX and not url.path.startswith(DATA_PREFIX + "/"):
                raise ApiError(404, "resource_not_found", "no such API: %s" % url.path)
            raw_path = url.path[len(DATA_PREFIX):]
            with store.lock:
                status, result = getattr(self, "do_data_" + method.lower())(store, raw_path, body)
            self.send(status, result)
        except ApiError as error:
            self.send(error.status, {"code": error.code, "message": error.message})

    def do_data_get(self, store, raw_path, _):
        try:
            return 200, {"result": copy.deepcopy(resolve(store.data, url_segments(raw_path)))}
        except ApiError:
            return 200, {}

    def do_data_put(self, store, raw_path, body):
        path = url_segments(raw_path)
        if not path:
            if not isinstance(body, dict):
                raise ApiError(400, "invalid_parameter", "the root document must be an object")
            store.data = copy.deepcopy(body)
            return 204, None
        node = store.data
        for i, key in enumerate(path[:-1]):
            if not isinstance(node, dict):
                raise ApiError(404, "resource_conflict", "storage_write_conflict_error: /%s" % "/".join(path[: i + 1]))
            node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise ApiError(404, "resource_conflict", "storage_write_conflict_error: /%s" % "/".join(path))
        if self.headers.get("If-None-Match") == "*" and path[-1] in node:
            return 304, None
        node[path[-1]] = copy.deepcopy(body)
        return 204, None

    def do_data_patch(self, store, raw_path, body):
        if not isinstance(body, list):
            raise ApiError(400, "invalid_parameter", "a JSON Patch is an array of operations")
        working = copy.deepcopy(store.data)
        for operation in body:
            apply_operation(working, raw_path, operation)
        store.data = working
        return 204, None

    def do_GET(self):  # noqa: N802 - BaseHTTPRequestHandler's naming
        self.handle_api("GET")

    def do_PUT(self):  # noqa: N802
        self.handle_api("PUT")

    def do_PATCH(self):  # noqa: N802
        self.handle_api("PATCH")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.store = Store()
    server.token = args.token
    print("ready %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
