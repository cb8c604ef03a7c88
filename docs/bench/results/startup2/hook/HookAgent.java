import java.lang.instrument.*;
public class HookAgent {
    public static void premain(String a, Instrumentation i) {
        i.addTransformer(new ClassFileTransformer() {
            public byte[] transform(ClassLoader l, String n, Class<?> c, java.security.ProtectionDomain p, byte[] b) {
                return null;
            }
        }, true);
    }
}
