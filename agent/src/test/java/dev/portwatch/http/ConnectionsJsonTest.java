package dev.portwatch.http;

import static dev.portwatch.http.Reports.BIND_FAILED;
import static dev.portwatch.http.Reports.CONNECT_REFUSED;
import static dev.portwatch.http.Reports.INBOUND_CLOSED;
import static dev.portwatch.http.Reports.LEAKED;
import static dev.portwatch.http.Reports.LISTENER;
import static dev.portwatch.http.Reports.OUTBOUND;
import static dev.portwatch.http.Reports.AGENT;
import static dev.portwatch.http.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.os.KernelView;
import dev.portwatch.table.Opener;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract; expected documents are written with ' for ", so they read like the JSON itself. */
class ConnectionsJsonTest {

    private static final String HEAD = "{'pid':4242,'time':'2023-11-14T22:13:20Z',"
            + "'ephemeralPortRange':{'first':32768,'last':60999,'source':'test'},"
            + "'kernelView':" + KernelView.available() + ",'untrackedSockets':3,'leakedSockets':1,";

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static void assertContains(String expectedSingleQuoted, String actual) {
        String expected = json(expectedSingleQuoted);
        assertTrue(actual.contains(expected), () -> "expected " + expected + "\n in " + actual);
    }

    @Test
    void emptyTable() {
        assertEquals(json(HEAD + "'counts':{'connections':0,'listeners':0,'closed':0,'leaked':0,'dead':0,"
                + "'errors':0},'connections':[],'errors':[]}"), ConnectionsJson.render(report(List.of(), List.of())));
    }

    @Test
    void wholeDocument() {
        String expected = HEAD + "'counts':{'connections':0,'listeners':1,'closed':1,'leaked':0,'dead':0,'errors':2},"
                + "'connections':["
                + "{'id':1,'source':'agent','transport':'tcp','family':'ipv4','role':'listener','state':'LISTEN',"
                + "'local':{'address':'0.0.0.0','port':8080,'portClass':'registered','ephemeral':false,"
                + "'service':'http-alt'},"
                + "'remote':null,'api':'ServerSocket.bind','openedAt':'2023-11-14T22:13:20Z','thread':'main',"
                + "'openedBy':null,'openedByKind':null,'bytesIn':0,'bytesOut':0,'connectSeconds':null,'closedAt':null,"
                + "'dead':null,'leaked':false,'agent':false,'kernel':null},"
                + "{'id':3,'source':'agent','transport':'tcp','family':'ipv6','role':'inbound','state':'CLOSED',"
                + "'local':{'address':'::1','port':8080,'portClass':'registered','ephemeral':false,"
                + "'service':'http-alt'},"
                + "'remote':{'address':'::1','port':50000,'portClass':'dynamic','ephemeral':true,'service':null,"
                + "'host':null},'api':'ServerSocket.accept','openedAt':'2023-11-14T22:13:20Z','thread':'http-1',"
                + "'openedBy':null,'openedByKind':null,'bytesIn':300,'bytesOut':400,'connectSeconds':null,"
                + "'closedAt':'2023-11-14T22:13:25Z','dead':null,'leaked':false,'agent':false,'kernel':null}"
                + "],'errors':["
                + "{'operation':'connect','transport':'tcp','address':'10.0.0.1','host':'db.internal',"
                + "'port':5432,'service':'postgresql',"
                + "'errorType':'java.net.ConnectException','message':'Connection refused','durationSeconds':2.0,"
                + "'time':'2023-11-14T22:13:22Z','thread':'db-pool-1','api':'Socket.connect','openedBy':null,"
                + "'openedByKind':null},"
                + "{'operation':'bind','transport':'tcp','address':null,'host':null,'port':null,'service':null,"
                + "'errorType':'java.net.BindException','message':'Address ~'already~' in use~nsecond line',"
                + "'durationSeconds':null,'time':'2023-11-14T22:13:23Z','thread':'main','api':'ServerSocket.bind',"
                + "'openedBy':null,'openedByKind':null}"
                + "]}";

        String actual = ConnectionsJson.render(report(List.of(LISTENER, INBOUND_CLOSED),
                List.of(CONNECT_REFUSED, BIND_FAILED)));

        assertEquals(json(expected).replace('~', '\\'), actual);
    }

    @Test
    void outboundNamesTheServerPortNotTheClientPort() {
        String actual = ConnectionsJson.render(report(List.of(OUTBOUND), List.of()));

        assertContains("'role':'outbound','state':'ESTABLISHED',"
                + "'local':{'address':'127.0.0.1','port':6379,'portClass':'registered','ephemeral':false,"
                + "'service':null},"
                + "'remote':{'address':'127.0.0.1','port':5432,'portClass':'registered','ephemeral':false,"
                + "'service':'postgresql','host':'db.internal'}", actual);
        assertContains("'thread':'db-pool-1','openedBy':'dev.portwatch.http.Reports.callSite(Reports.java:", actual);
        assertContains("'bytesIn':10,'bytesOut':20,'connectSeconds':0.0015,'closedAt':null", actual);
        assertContains("'agent':false,'kernel':null,'stack':['dev.portwatch.http.Reports.callSite(Reports.java:", actual);
        assertTrue(actual.endsWith(json(")']}],'errors':[]}")), actual);
    }

    @Test
    void leakedAndAgentOwnedRows() {
        String actual = ConnectionsJson.render(report(List.of(LEAKED, AGENT), List.of()));

        assertContains("'id':4,'source':'agent',", actual);
        assertContains("'service':'https','host':null},'api':'SocketChannel.open'", actual);
        assertContains("'connectSeconds':0.002,'closedAt':null,'dead':null,'leaked':true,'agent':false,'kernel':null}", actual);
        assertContains("'id':5,'source':'agent',", actual);
        assertContains("'thread':'portwatch-http'", actual);
        assertContains("'leaked':false,'agent':true,'kernel':null}", actual);
    }

    /** Rows that share a String (a thread's name) and rows that do not each show their own, escaped alike. */
    @Test
    void sharedStringsAreEscapedOnEveryRow() {
        String hostile = "evil\"\n\u001b[31m\u202e";
        Opener opener = Rows.opener("ServerSocket.bind", "com.example.App", "run", "App.java", 10);
        String actual = ConnectionsJson.render(report(List.of(Rows.listener(1, 8080, hostile, opener),
                Rows.listener(2, 8081, new String(hostile.toCharArray()), opener),
                Rows.listener(3, 8082, "other", opener)), List.of()));

        String escaped = json("'thread':'evil\\\"\\n\\u001b[31m\\u202e',");
        assertEquals(2, actual.split(java.util.regex.Pattern.quote(escaped), -1).length - 1, actual);
        assertContains("'id':3,", actual);
        assertContains("'thread':'other','openedBy':'com.example.App.run(App.java:10)'", actual);
    }
}
