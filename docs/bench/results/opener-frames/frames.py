"""Frames the VM records per socket opener, from run-jdb.sh's output. usage: frames.py base|new file"""
import re, sys
mode, path = sys.argv[1], sys.argv[2]
text = open(path).read()
seen = {}
for block in text.split("Breakpoint hit")[1:]:
    frames = re.findall(r"\[(\d+)\] (\S+) \(", block)
    # the first stack listing after the hit: numbering starts at 1 and rises
    stack = []
    for n, name in frames:
        if int(n) != len(stack) + 1:
            break
        stack.append(name)
    if not stack:
        continue
    app = next((i for i, f in enumerate(stack) if f.startswith("FrameCount.") and f != "FrameCount.main"), None)
    if app is None:
        continue
    if mode == "base":
        top = 0          # Backtraces.record, above RecordedSites.current (stack[0])
        recorded = len(stack) + 1
        above = app + 1
    else:
        top = next(i for i, f in enumerate(stack) if f.endswith(".origin"))
        recorded = len(stack) - top
        above = app - top
    key = stack[app]
    seen.setdefault(key, []).append((recorded, above, any("OnFirstUse" in f for f in stack)))
for key, hits in seen.items():
    print(f"{key:40s} " + "  ".join(f"recorded={r} above-app={a}{' (first use)' if f else ''}" for r, a, f in hits))
