package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * This JDK's {@code NioSocketImpl}, woven as the agent weaves it: each of its own {@code Net.localAddress} reads
 * (bind, connect, accept) hands its result to the bridge, which keeps it for the event that follows
 * (SystemCallsIT counts the system calls this saves on both JDKs).
 */
class CallTapTest {

    private static final String NET = "sun/nio/ch/Net";
    private static final String HOOK = "dev/portwatch/bridge/LocalAddresses";

    @Test
    void everyLocalAddressReadOfNioSocketImplGoesToTheBridge() {
        WovenClass nioSocketImpl = FunnelWeaving.ALL.stream()
                .filter(woven -> woven.className().equals("sun.nio.ch.NioSocketImpl")).findFirst().orElseThrow();
        assertEquals(List.of(CallTap.LOCAL_ADDRESS), nioSocketImpl.taps());
        byte[] original = FunnelWeaver.bootClassFile("sun.nio.ch.NioSocketImpl");
        assertNotNull(original);
        byte[] woven = new FunnelWeaver(new FunnelCoverage(), new AgentLog(System.err))
                .weaveBootClass(nioSocketImpl, original);

        List<String> before = calls(original);
        List<String> after = calls(woven);
        long reads = before.stream().filter(call -> call.startsWith(NET + ".localAddress")).count();
        assertTrue(reads >= 3, "bind, connect and accept each read the local address: " + before);
        List<String> handedOver = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).startsWith(NET + ".localAddress")) {
                assertEquals(HOOK + ".read(Ljava/io/FileDescriptor;Ljava/net/InetSocketAddress;)"
                        + "Ljava/net/InetSocketAddress;", after.get(i + 1), "the call right after the read");
                handedOver.add(after.get(i));
            }
        }
        assertEquals(reads, handedOver.size());
    }

    @Test
    void theHookTakesTheCallsArgumentAndResultAndReturnsTheResult() {
        assertEquals("(Ljava/io/FileDescriptor;Ljava/net/InetSocketAddress;)Ljava/net/InetSocketAddress;",
                CallTap.LOCAL_ADDRESS.hookDescriptor());
    }

    /** Every static call in the class, in order, as owner.name+descriptor. */
    private static List<String> calls(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                                boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC) {
                            calls.add(owner + "." + method + methodDescriptor);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
