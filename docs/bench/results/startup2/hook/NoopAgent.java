public class NoopAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }
