#!/usr/bin/env python3
"""ms from `java` to the agent's first 200 on /metrics (endpoint on PORT), polled every 20 ms.
    ready.py PORT -- java ...
"""
import socket, subprocess, sys, time
port, cmd = int(sys.argv[1]), sys.argv[3:]
start = time.monotonic()
jvm = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while time.monotonic() - start < 60:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    print(f"{(time.monotonic() - start) * 1000:.0f}")
                    sys.exit(0)
        except OSError:
            pass
        time.sleep(0.02)
    print("timeout")
finally:
    jvm.kill(); jvm.wait()
