package dev.portwatch.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Hands the result of a JDK call the funnel class already makes to the bridge, so that the agent need not make the
 * same system call again: every call of the static method {@code owner.name(A)R} in the woven class becomes
 * {@code hookOwner.hookName(a, owner.name(a))}, where the hook, {@code static R hookName(A, R)}, returns the result
 * unchanged. The argument is kept (one more stack slot) so the hook can tell which socket the result is of.
 * Stack depth between instructions is unchanged, so the class's stack map frames stay valid.
 */
record CallTap(String owner, String name, String descriptor, String hookOwner, String hookName) {

    /**
     * {@code NioSocketImpl} reads its local address with {@code Net.localAddress(fd)} when it binds, connects and
     * accepts, and keeps only the port: {@code LocalAddresses} keeps the address for the listener.
     */
    static final CallTap LOCAL_ADDRESS = new CallTap("sun/nio/ch/Net", "localAddress",
            "(Ljava/io/FileDescriptor;)Ljava/net/InetSocketAddress;", "dev/portwatch/bridge/LocalAddresses", "read");

    /** The hook's descriptor: the call's argument and result, returning the result. */
    String hookDescriptor() {
        int close = descriptor.indexOf(')');
        String argument = descriptor.substring(1, close);
        String result = descriptor.substring(close + 1);
        return "(" + argument + result + ")" + result;
    }

    /** A class visitor that rewrites the calls in every method and passes all else on to {@code next}. */
    ClassVisitor visitor(ClassVisitor next) {
        return new ClassVisitor(OpenedClassReader.ASM_API, next) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String methodDescriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, method, methodDescriptor, signature, exceptions);
                return visitor == null ? null : new Calls(visitor);
            }
        };
    }

    /** Rewrites the calls of one method. */
    private final class Calls extends MethodVisitor {
        private boolean tapped;

        Calls(MethodVisitor next) {
            super(OpenedClassReader.ASM_API, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String callOwner, String callName, String callDescriptor,
                                    boolean isInterface) {
            boolean tap = opcode == Opcodes.INVOKESTATIC && callOwner.equals(owner) && callName.equals(name)
                    && callDescriptor.equals(descriptor);
            if (tap) {
                super.visitInsn(Opcodes.DUP); // the argument, for the hook
            }
            super.visitMethodInsn(opcode, callOwner, callName, callDescriptor, isInterface);
            if (tap) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hookOwner, hookName, hookDescriptor(), false);
                tapped = true;
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(tapped ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
