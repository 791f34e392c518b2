"""A tiny statistics service: POST numbers, get their mean and spread back."""
import argparse
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import yaml


def summarize(values):
    arr = np.asarray(values, dtype=float)
    return {"count": int(arr.size), "mean": float(arr.mean()), "std": float(arr.std())}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = yaml.safe_load(self.rfile.read(length) or b"[]")
        payload = json.dumps(summarize(body)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        assert summarize([1, 2, 3])["mean"] == 2.0
        print("ok")
        return
    HTTPServer(("", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
