package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.log.Printable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    private static String string(String value) {
        return new Json(new Body(), Body.CHUNK).value(value).flush().text();
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
        assertEquals("{\"k\\\"\\n\":1}", new Json(new Body(), Body.CHUNK).beginObject().name("k\"\n").value(1)
                .endObject().flush().text());
    }

    @Test
    void separatesMembersAndElements() {
        String out = new Json(new Body(), Body.CHUNK).beginObject()
                .name("a").value(1)
                .name("b").beginArray().value(true).nullValue().value("x").beginObject().endObject().endArray()
                .name("c").beginObject().name("d").value(false).endObject()
                .name("e").beginArray().endArray()
                .endObject().flush().text();
        assertEquals("{\"a\":1,\"b\":[true,null,\"x\",{}],\"c\":{\"d\":false},\"e\":[]}", out);
    }

    @Test
    void doublesAndNonFiniteNumbers() {
        String out = new Json(new Body(), Body.CHUNK).beginArray().value(1.5).value(0.0015).value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).value(-3L).endArray().flush().text();
        assertEquals("[1.5,0.0015,null,null,-3]", out);
    }

    @Test
    void longsAsLongToStringWritesThem() {
        long[] values = {0, 7, 9, 10, 99, 100, -1, -10, 1_000_000_007L, 999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long value : values) {
            assertEquals(Long.toString(value), new Json(new Body(), Body.CHUNK).value(value).flush().text());
        }
    }

    /**
     * Any text comes out as the characters the escaping rules give, encoded by {@code String.getBytes(UTF_8)}:
     * printable ASCII, Latin-1, the BMP, surrogate pairs, lone surrogates (which the JDK encodes as {@code ?}),
     * controls, bidi characters.
     */
    @Test
    void anyTextIsTheUtf8OfItsEscapedCharacters() {
        char[] alphabet = "aZ09 \"\\/\n\r\t\b\u0000\u001f\u007f\u0080\u009b\u00a0\u00e9\u00ff\u0100\u061c\u07ff\u0800"
                .concat("\u200e\u2028\u202e\u2066\u20ac\ud7ff\ud83d\ude00\ue000\uffff").toCharArray();
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            char[] text = new char[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(text);
            assertArrayEquals(escaped(value).getBytes(StandardCharsets.UTF_8),
                    bytes(new Json(new Body(), Body.CHUNK).value(value).flush().buffers()),
                    () -> Printable.escape(value));
        }
    }

    /** A text made once is the bytes the writer writes for its string, as a value and as a name, of any length. */
    @Test
    void aTextMadeOnceIsWrittenAsItsStringWouldBe() {
        char[] alphabet = "aZ0 \"\\\n\u0000\u007f\u00e9\u202e\u20ac\ud83d\ude00\ud800".toCharArray();
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            char[] text = new char[n % 50 == 0 ? Body.CHUNK / 6 - 3 + random.nextInt(4) + n * 200 : random.nextInt(60)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(text);
            String expected = new Json(new Body(), Body.CHUNK).beginObject().name("n").value(n).name(value).value(value)
                    .endObject().flush().text();
            JsonText once = JsonText.of(value);
            Body body = new Json(new Body(), Body.CHUNK).beginObject().name("n").value(n).name(once).value(once)
                    .endObject().flush();
            assertEquals(expected, body.text(), () -> "length " + value.length());
            for (ByteBuffer buffer : body.buffers()) {
                assertTrue(buffer.remaining() <= Body.CHUNK, "chunk of " + buffer.remaining());
                String chunk = StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
                assertEquals(0, chunk.codePoints().filter(c -> c == 0xfffd).count(), "split between characters");
            }
        }
        assertEquals("null", new String(JsonText.of(null).bytes, StandardCharsets.UTF_8));
    }

    /** A name made once is written as the writer writes a name, first in its object or not, hostile or not. */
    @Test
    void aNameMadeOnceIsWrittenAsANameWouldBe() {
        for (String name : new String[] {"id", "", "a\"b\\c\n\u001b\u202e\u00e9\ud83d\ude00"}) {
            JsonText once = JsonText.name(name);
            assertEquals(new Json(new Body(), Body.CHUNK).beginObject().name(name).value(1).name(name).beginArray()
                            .endArray().endObject().flush().text(),
                    new Json(new Body(), Body.CHUNK).beginObject().name(once).value(1).name(once).beginArray()
                            .endArray().endObject().flush().text());
        }
        assertThrows(IllegalArgumentException.class, () -> JsonText.name("x".repeat(JsonText.MAX_NAME_BYTES)));
    }

    /** The escaping rules, one character at a time, as the writer applied them to characters before it wrote bytes. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Printable.isUnsafe(c)) {
                        Printable.appendEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A document of many chunks: none larger than a chunk, no character split between two, strings of any size. */
    @Test
    void aLargeDocumentIsItsUtf8BytesInChunksNoneLargerThanAChunk() {
        String text = "a\u00e9\u20ac\ud83d\ude00".repeat(40_000);
        Json json = new Json(new Body(), Body.CHUNK).beginArray();
        for (int i = 0; i < 3_000; i++) {
            json.value(text.substring(0, i % 10 * 5)).value(i); // whole code points
        }
        Body body = json.value(text).value(text.substring(1)).endArray().flush();
        ByteBuffer[] buffers = body.buffers();
        assertTrue(buffers.length > 10, "several chunks: " + buffers.length);
        for (ByteBuffer buffer : buffers) {
            assertTrue(buffer.remaining() <= Body.CHUNK, "chunk of " + buffer.remaining());
            String chunk = StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
            assertEquals(-1, chunk.indexOf('\ufffd'), "a chunk starts and ends between characters");
        }
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; i < 3_000; i++) {
            expected.append('"').append(text, 0, i % 10 * 5).append("\",").append(i).append(',');
        }
        expected.append('"').append(text).append("\",\"").append(text.substring(1)).append("\"]");
        assertEquals(expected.toString(), body.text());
        assertEquals(expected.toString().getBytes(StandardCharsets.UTF_8).length, body.length());
    }

    @Test
    void instantsAsInstantToStringWritesThem() {
        Random random = new Random(7);
        long year10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
        long year0 = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long[] edges = {0, 1, 999, 1000, 60_000, 86_399_999, 86_400_000, -1, -86_400_001, 951_782_400_000L,
            951_868_799_999L, 1_700_000_000_000L, 4_102_444_800_000L, year0, year0 - 1, year10000 - 1, year10000,
            Long.MAX_VALUE / 1000, Long.MIN_VALUE / 1000};
        for (long millis : edges) {
            assertInstant(millis);
        }
        for (int n = 0; n < 20_000; n++) {
            long millis = year0 + (long) (random.nextDouble() * (year10000 - year0));
            assertInstant(n % 3 == 0 ? millis - millis % 1000 : millis);
        }
    }

    private static void assertInstant(long millis) {
        assertEquals('"' + Instant.ofEpochMilli(millis).toString() + '"',
                new Json(new Body(), Body.CHUNK).instant(millis).flush().text(), () -> Long.toString(millis));
    }

    private static byte[] bytes(ByteBuffer[] buffers) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            out.write(buffer.array(), buffer.position(), buffer.remaining());
        }
        return out.toByteArray();
    }
}
