package dev.portwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveCharactersThatMeanSomethingInMarkup() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"));
    }

    @Test
    void leavesEverythingElseAndEscapesAReferenceAgain() {
        assertEquals("pool-1-thread-3 \u00b7 \u00fc [::1]:80", Html.escape("pool-1-thread-3 \u00b7 \u00fc [::1]:80"));
        assertEquals("&amp;lt;", Html.escape("&lt;"));
    }

    @Test
    void showsControlAndBidiCharactersAsEscapes() {
        assertEquals("evil\\u001b[2J\\u009b31m\\u202eexe.txt\\u000a", Html.escape("evil\u001b[2J\u009b31m\u202eexe.txt\n"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
