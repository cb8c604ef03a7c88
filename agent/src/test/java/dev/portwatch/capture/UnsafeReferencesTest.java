package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class UnsafeReferencesTest {

    @Test
    void aFieldIsReadFromEachObjectItIsGiven() throws Throwable {
        Function<Object, Object> message = UnsafeReferences.field(Throwable.class, "detailMessage");
        assertEquals("one", message.apply(new Throwable("one")));
        assertEquals("two", message.apply(new Throwable("two")));
    }

    @Test
    void aFieldThatIsNotThereIsRefused() {
        assertThrows(Throwable.class, () -> UnsafeReferences.field(Throwable.class, "noSuchField"));
    }
}
