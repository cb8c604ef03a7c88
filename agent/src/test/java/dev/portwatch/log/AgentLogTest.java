package dev.portwatch.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AgentLog log = new AgentLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    /** What was printed, split at any line terminator (so an unflattened \r would show as an extra line). */
    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneLinePerMessageWithPrefix() {
        log.info("started on 127.0.0.1:9465");
        log.warn("bind", "endpoint not started");

        assertEquals(List.of("portwatch: started on 127.0.0.1:9465", "portwatch: endpoint not started"), lines());
        assertEquals(0, log.suppressedLines());
    }

    @Test
    void lineBreaksAndTerminalControlsAreEscaped() {
        log.info("first\nsecond\r\nthird\rfourth");
        log.warn("topic", "esc \u001b[31m csi \u009b2J bidi \u202eevil\u202c del \u007f");

        assertEquals(List.of("portwatch: first\\u000asecond\\u000d\\u000athird\\u000dfourth",
                "portwatch: esc \\u001b[31m csi \\u009b2J bidi \\u202eevil\\u202c del \\u007f"), lines());
    }

    @Test
    void theTopicsItRemembersAreBounded() {
        for (int i = 0; i < 3 * AgentLog.MAX_TOPICS; i++) {
            log.warn("leak:thread-" + i, "leaked " + i);
        }

        assertEquals(AgentLog.MAX_TOPICS, log.rememberedTopics());
        assertEquals(AgentLog.MAX_PER_MINUTE, lines().size(), "the budget still holds");
    }

    @Test
    void sameTopicPrintsOncePerMinute() {
        log.warn("leak", "leaked socket 1");
        log.warn("leak", "leaked socket 2");
        log.warn("other", "something else");
        log.warn("leak", "leaked socket 3");

        assertEquals(List.of("portwatch: leaked socket 1", "portwatch: something else"), lines());
        assertEquals(2, log.suppressedLines());
    }

    @Test
    void atMostTwentyLinesAMinute() {
        for (int i = 1; i <= 15; i++) {
            log.info("info " + i);
        }
        for (int i = 1; i <= 15; i++) {
            log.warn("topic " + i, "warn " + i);
        }

        List<String> lines = lines();
        assertEquals(AgentLog.MAX_PER_MINUTE, lines.size());
        assertEquals("portwatch: info 15", lines.get(14));
        assertEquals("portwatch: warn 5", lines.get(19));
        assertEquals(10, log.suppressedLines());
    }
}
