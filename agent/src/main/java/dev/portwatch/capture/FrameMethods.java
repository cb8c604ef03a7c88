package dev.portwatch.capture;

import java.util.function.Function;

/**
 * The JVM's own identity of a stack frame's method, read from the frame without resolving its name. Each frame the
 * stack walker fills holds a {@code java.lang.invoke.ResolvedMethodName}, which the VM makes once per method (JDK 17
 * to 21: in the frame's {@code MemberName}; JDK 22 and later: in the frame itself). Its identity tells two methods
 * apart where the declaring class and bytecode index alone do not (two methods of a class may call {@code connect}
 * at the same index), and reading it costs a field load where {@code getMethodName} expands the frame in the VM.
 *
 * <p>The fields are read through the JDK's internal {@code Unsafe} ({@link UnsafeReferences}), reached like the
 * bridge's injection: {@code java.lang.invoke}'s classes refuse private lookups, and nothing is opened to the
 * application's class path. Each read first checks the object's exact class, so an offset is only ever applied to
 * the class it was taken from. On a JDK whose frames look otherwise, or without that access, {@link #of} answers
 * null and each socket keeps an opener of its own, as it did before call sites were shared.
 */
final class FrameMethods {

    private static final Class<?> FRAME;
    /** Reads a frame's method (JDK 22+) or its {@code MemberName} (17 to 21); null when frames cannot be read. */
    private static final Function<Object, Object> FRAME_MEMBER;
    /** {@code MemberName} on JDK 17 to 21, whose {@code method} field holds the identity; null on JDK 22+. */
    private static final Class<?> MEMBER;
    private static final Function<Object, Object> MEMBER_METHOD;
    private static final Class<?> RESOLVED;

    static {
        Class<?> frame = null;
        Class<?> member = null;
        Class<?> resolved = null;
        Function<Object, Object> frameMember = null;
        Function<Object, Object> memberMethod = null;
        try {
            resolved = Class.forName("java.lang.invoke.ResolvedMethodName");
            frame = Class.forName("java.lang.StackFrameInfo");
            if (referenceField(frame, "memberName")) {
                member = Class.forName("java.lang.invoke.MemberName");
                if (!referenceField(member, "method")) {
                    throw new NoSuchFieldException("MemberName.method");
                }
                memberMethod = UnsafeReferences.field(member, "method");
                frameMember = UnsafeReferences.field(frame, "memberName");
            } else if (referenceField(frame.getSuperclass(), "classOrMemberName")) {
                frameMember = UnsafeReferences.field(frame.getSuperclass(), "classOrMemberName");
            } else {
                throw new NoSuchFieldException("StackFrameInfo's method");
            }
        } catch (Throwable unavailable) {
            frameMember = null; // not this JDK's layout, or no access: openers are not shared
        }
        FRAME = frame;
        FRAME_MEMBER = frameMember;
        MEMBER = member;
        MEMBER_METHOD = memberMethod;
        RESOLVED = resolved;
    }

    private FrameMethods() {}

    /** Whether frames can be read on this JDK (else every socket gets an opener of its own). */
    static boolean available() {
        return FRAME_MEMBER != null;
    }

    /** The frame's method, the same object for every frame of that method; null when unknown. */
    static Object of(StackWalker.StackFrame frame) {
        if (FRAME_MEMBER == null || frame.getClass() != FRAME) {
            return null;
        }
        try {
            Object member = FRAME_MEMBER.apply(frame);
            if (MEMBER != null) {
                member = member != null && member.getClass() == MEMBER ? MEMBER_METHOD.apply(member) : null;
            }
            return member != null && member.getClass() == RESOLVED ? member : null;
        } catch (Throwable unexpected) {
            return null;
        }
    }

    /** Whether {@code type} declares a field {@code name} of a reference type (so reading it as one is sound). */
    private static boolean referenceField(Class<?> type, String name) {
        try {
            return !type.getDeclaredField(name).getType().isPrimitive();
        } catch (NoSuchFieldException absent) {
            return false;
        }
    }
}
