package dev.portwatch.access;



public final class Probe {
    private static final StringBuilder OUT = new StringBuilder();
    private static long last;
    private Probe() {}
    public static void mark(String label) {
        long now = System.nanoTime();
        if (last != 0) { OUT.append(label).append(' ').append((now - last) / 1000).append('\n'); }
        else { OUT.append("start ").append(now / 1000).append('\n'); }
        last = now;
    }
    public static void dump() { System.err.print(OUT); }
}
