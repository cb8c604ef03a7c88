package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    private static String string(String value) {
        StringBuilder out = new StringBuilder();
        new Json(out).value(value);
        return out.toString();
    }

    /** Expected output is written with ` for a backslash, so the table reads like the JSON text itself. */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            plain                    | "plain"
            say "hi"                 | "say `"hi`""
            C:\\temp                 | "C:``temp"
            a/b                      | "a/b"
            été ✓                    | "été ✓"
            """)
    void escapesQuotesAndBackslashes(String value, String expected) {
        assertEquals(expected.replace('`', '\\'), string(value));
    }

    @Test
    void escapesControlCharacters() {
        assertEquals("\"a\\nb\\rc\\td\"", string("a\nb\rc\td"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", string("\u0000\u0001\u001f"));
        assertEquals("\"\\u0008\\u000c\"", string("\b\f"));
        assertEquals("\" \\u007f\"", string(" \u007f"), "DEL is escaped, a space is not");
    }

    @Test
    void escapesTerminalControlsSoThePrintedDocumentIsInert() {
        assertEquals("\"\\u001b[2J\\u009b31m\\u0085\"", string("\u001b[2J\u009b31m\u0085"));
        assertEquals("\"\\u202eexe.txt\\u202c\\u2066\\u2069\\u200e\\u200f\\u061c\"",
                string("\u202eexe.txt\u202c\u2066\u2069\u200e\u200f\u061c"));
    }

    @Test
    void escapesJavaScriptLineSeparators() {
        assertEquals("\"x\\u2028y\\u2029z\"", string("x\u2028y\u2029z"));
    }

    @Test
    void nullStringIsNull() {
        assertEquals("null", string(null));
    }

    @Test
    void namesAreEscapedToo() {
        StringBuilder out = new StringBuilder();
        new Json(out).beginObject().name("k\"\n").value(1).endObject();
        assertEquals("{\"k\\\"\\n\":1}", out.toString());
    }

    @Test
    void separatesMembersAndElements() {
        StringBuilder out = new StringBuilder();
        new Json(out).beginObject()
                .name("a").value(1)
                .name("b").beginArray().value(true).nullValue().value("x").beginObject().endObject().endArray()
                .name("c").beginObject().name("d").value(false).endObject()
                .name("e").beginArray().endArray()
                .endObject();
        assertEquals("{\"a\":1,\"b\":[true,null,\"x\",{}],\"c\":{\"d\":false},\"e\":[]}", out.toString());
    }

    @Test
    void doublesAndNonFiniteNumbers() {
        StringBuilder out = new StringBuilder();
        new Json(out).beginArray().value(1.5).value(0.0015).value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(-3L).endArray();
        assertEquals("[1.5,0.0015,null,null,-3]", out.toString());
    }
}
