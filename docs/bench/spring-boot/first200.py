#!/usr/bin/env python3
"""Times one JVM from `java` to its first HTTP 200, and what it used by then.

    first200.py LOG -- java ... -jar app.jar --server.port=0

Starts the command with its output in LOG, waits for Spring Boot's "Tomcat started on port N" line, then asks
GET / every 5 ms until it answers 200. Prints one line: wall ms, CPU ms (user + system of the JVM, from
/proc/<pid>/stat) and resident MB (VmRSS) at that moment; then stops the JVM.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")
PORT = re.compile(rb"Tomcat started on port (?:\(s\): )?(\d+)")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def main():
    log_path, command = sys.argv[1], sys.argv[3:]
    with open(log_path, "wb") as log:
        start = time.monotonic()
        jvm = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        port = None
        deadline = start + 120
        while time.monotonic() < deadline:
            if jvm.poll() is not None:
                sys.exit(f"the JVM exited with {jvm.returncode}; see {log_path}")
            if port is None:
                with open(log_path, "rb") as log:
                    found = PORT.search(log.read())
                port = int(found.group(1)) if found else None
            if port is not None and ok(port):
                wall = (time.monotonic() - start) * 1000
                print(f"{wall:.0f} {cpu_ms(jvm.pid):.0f} {rss_mb(jvm.pid):.1f}")
                return
            time.sleep(0.005)
        sys.exit(f"no 200 within 120 s; see {log_path}")
    finally:
        jvm.send_signal(signal.SIGKILL)
        jvm.wait()


if __name__ == "__main__":
    main()
