#!/usr/bin/env python3
"""Times one JVM from `java` to its first HTTP 200, and what it used by then.

    first200.py LOG -- java ... -jar app.jar --server.port=0

Starts the command with its output in LOG, waits for Spring Boot's "Tomcat started on port N" line, then asks
GET / every 5 ms until it answers 200. Prints one line: wall ms, CPU ms (user + system of the JVM, from
/proc/<pid>/stat) and resident MB (VmRSS) at that moment; then stops the JVM. Writes each thread's run time
(schedstat, ms, summed per thread name) at that moment into LOG.threads; threads are polled every 100 ms while
the app starts, so that one that has ended (the agent's start-up thread) keeps its last value (its last 100 ms may be
missing).
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
# FIRST200_COUNTERS=1: also each thread by id (LOG.threads.tids) and the JVM's performance counters (LOG.perf)
COUNTERS = os.environ.get("FIRST200_COUNTERS") == "1"


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


def poll_threads(pid, last):
    """Each live thread's name and run time (ns) into last, by thread id; an ended thread keeps its last value."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm, open(f"/proc/{pid}/task/{tid}/schedstat") as stat:
                last[tid] = (comm.read().strip(), int(stat.read().split()[0]))
        except OSError:
            pass  # the thread ended between the listing and the read


def write_threads(path, last):
    by_name = {}
    for name, ns in last.values():
        by_name[name] = by_name.get(name, 0) + ns
    with open(path, "w") as out:
        for name, ns in sorted(by_name.items(), key=lambda item: -item[1]):
            out.write(f"{name}\t{ns / 1e6:.1f}\n")
        out.write(f"ALL\t{sum(by_name.values()) / 1e6:.1f}\n")
    if COUNTERS:
        with open(path + ".tids", "w") as out:
            for tid, (name, ns) in last.items():
                out.write(f"{tid}\t{name}\t{ns / 1e6:.1f}\n")


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
    threads, polled = {}, 0.0
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
            if time.monotonic() - polled >= 0.1:
                poll_threads(jvm.pid, threads)
                polled = time.monotonic()
            if port is not None and ok(port):
                wall = (time.monotonic() - start) * 1000
                poll_threads(jvm.pid, threads)
                write_threads(log_path + ".threads", threads)
                if COUNTERS:  # the JVM's performance counters at the first 200, beside the log
                    jcmd = command[0].replace("/bin/java", "/bin/jcmd")
                    with open(log_path + ".perf", "w") as pc:
                        subprocess.run([jcmd, str(jvm.pid), "PerfCounter.print"], stdout=pc,
                                       stderr=subprocess.STDOUT)
                print(f"{wall:.0f} {cpu_ms(jvm.pid):.0f} {rss_mb(jvm.pid):.1f}")
                return
            time.sleep(0.005)
        sys.exit(f"no 200 within 120 s; see {log_path}")
    finally:
        jvm.send_signal(signal.SIGKILL)
        jvm.wait()


if __name__ == "__main__":
    main()
