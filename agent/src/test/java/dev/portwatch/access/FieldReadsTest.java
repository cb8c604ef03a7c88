package dev.portwatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The capture's field reads once the JDK's packages are open to the agent: Unsafe called from that module alone. */
class FieldReadsTest {

    @BeforeAll
    static void grant() throws Exception {
        JdkAccess.grant(ByteBuddyAgent.install());
    }

    @Test
    void aReaderReadsTheFieldOfTheObjectItIsGiven() {
        Function<Object, Object> message = JdkAccess.referenceField(Throwable.class, "detailMessage");
        assertEquals("first", message.apply(new Throwable("first")));
        assertEquals("second", message.apply(new Throwable("second")));
        assertInstanceOf(Object[].class, JdkAccess.referenceField(Throwable.class, "backtrace").apply(new Throwable()));
    }

    @Test
    void theReaderIsOfTheModuleTheJdkWasOpenedTo() {
        Function<Object, Object> reader = JdkAccess.referenceField(Throwable.class, "detailMessage");
        assertNotNull(reader);
        assertNotSame(JdkAccess.class.getClassLoader(), reader.getClass().getClassLoader());
        assertEquals("portwatch-jdk-access", reader.getClass().getClassLoader().getName());
        assertEquals("dev.portwatch.access.PrivateLookups", reader.getClass().getNestHost().getName());
    }

    @Test
    void aFieldThatIsNotThereIsRefused() {
        assertThrows(InternalError.class, () -> JdkAccess.referenceField(Throwable.class, "noSuchField"));
    }
}
