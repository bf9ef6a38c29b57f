#!/usr/bin/env python3
"""A fake OpenAI Chat Completions server on 127.0.0.1 for end-to-end checks and benchmarks.

Usage: fake-openai.py [--latency S] [--status CODE] [--every-429 N] [--hang] [--port-file F] [--stats-file F]
Prints nothing; writes its port to --port-file once listening. Replies with the documented
chat.completion JSON (or an OpenAI-style error body for --status != 200: 404 is `model_not_found`
naming the requested model), records the peak number of requests in flight and the request count,
and writes them to --stats-file after each request. --every-429 N answers every Nth request 429 with
`Retry-After: 1` (a burst limit: no rate-limit header says the quota is used up); --hang never
answers. Requests with an Authorization header are recorded in the stats as "authorized".
Stops by itself after 10 minutes.
"""
import argparse, json, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

ap = argparse.ArgumentParser()
ap.add_argument("--latency", type=float, default=0.0)
ap.add_argument("--status", type=int, default=200)
ap.add_argument("--port-file", required=True)
ap.add_argument("--stats-file")
ap.add_argument("--every-429", type=int, default=0)
ap.add_argument("--hang", action="store_true")
args = ap.parse_args()

lock = threading.Lock()
state = {"in_flight": 0, "peak": 0, "requests": 0, "authorized": 0, "rate_limited": 0}

def save_stats():  # under lock
    if args.stats_file:
        with open(args.stats_file, "w") as f: json.dump({k: state[k] for k in ("peak", "requests", "authorized", "rate_limited")}, f)

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            state["in_flight"] += 1; state["requests"] += 1
            state["peak"] = max(state["peak"], state["in_flight"])
            if self.headers.get("Authorization"): state["authorized"] += 1
            number = state["requests"]
            save_stats()
        status, headers = args.status, {}
        if args.every_429 and number % args.every_429 == 0:
            status, headers = 429, {"Retry-After": "1"}
            with lock: state["rate_limited"] += 1
        try:
            if args.hang:
                time.sleep(3600)
            time.sleep(args.latency)
            if status == 404:
                model = body.get("model", "")
                out = json.dumps({"error": {"message": "The model `%s` does not exist or you do not have access to it." % model,
                                            "type": "invalid_request_error", "code": "model_not_found"}}).encode()
            elif status != 200:
                kind = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(status, "server_error")
                out = json.dumps({"error": {"message": "fake error %d" % status, "type": kind, "code": kind}}).encode()
            else:
                prompt = json.dumps(body.get("messages", []))
                out = json.dumps({
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant",
                        "content": "- Computes a result from its arguments.\n- Returns the value to the caller."}}],
                    "usage": {"prompt_tokens": max(1, len(prompt) // 4), "completion_tokens": 20,
                              "total_tokens": max(1, len(prompt) // 4) + 20},
                }).encode()
            self.send_response(status)
            for name, value in headers.items(): self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)
        finally:
            with lock:
                state["in_flight"] -= 1
                save_stats()

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(args.port_file, "w") as f: f.write(str(server.server_address[1]))
threading.Timer(600, server.shutdown).start()
server.serve_forever()
