package dev.portwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestNameTest {

    private static final List<String> COMMANDS = List.of("list", "attach", "connections", "--help");
    private static final List<String> FLAGS = List.of("--json");

    @ParameterizedTest
    @CsvSource({
            "conections, connections", // a letter left out
            "connectoins, connections", // two letters swapped
            "connectionss, connections", // a letter too many
            "atach, attach",
            "lsit, list",
            "LIST, list", // case
            "--hlep, --help",
    })
    void aTypoOfACommandSuggestsIt(String typed, String meant) {
        assertEquals(Optional.of(meant), NearestName.among(typed, COMMANDS));
    }

    @ParameterizedTest
    @CsvSource({"prot, port", "hots, host", "stack, stacks", "closedRetension, closedRetention",
            "tokenfile, tokenFile", "maxrow, maxRows"})
    void aTypoOfAnOptionSuggestsIt(String typed, String meant) {
        assertEquals(Optional.of(meant), NearestName.among(typed, Option.keys()));
    }

    @ParameterizedTest
    @CsvSource({"--jsn, --json", "--josn, --json", "-json, --json", "json, --json"})
    void aTypoOfAFlagSuggestsIt(String typed, String meant) {
        assertEquals(Optional.of(meant), NearestName.among(typed, FLAGS));
    }

    @ParameterizedTest
    @CsvSource({"extra", "frobnicate", "x", "colour", "pid", "--verbose"})
    void aWordFarFromEveryNameGetsNoSuggestion(String typed) {
        assertEquals(Optional.empty(), NearestName.among(typed, COMMANDS));
        assertEquals(Optional.empty(), NearestName.among(typed, FLAGS));
        assertEquals(Optional.empty(), NearestName.among(typed, Option.keys()));
    }

    @ParameterizedTest
    @CsvSource({"'', '', 0", "'', port, 4", "port, port, 0", "prot, port, 1", "conections, connections, 1",
            "kitten, sitting, 3", "ca, abc, 3"})
    void distanceCountsAdjacentSwapsAsOneEdit(String a, String b, int distance) {
        assertEquals(distance, NearestName.distance(a, b));
        assertEquals(distance, NearestName.distance(b, a));
    }

    @ParameterizedTest
    @CsvSource({"port"})
    void longInputIsNoTypo(String name) {
        assertEquals(Optional.empty(), NearestName.among("p".repeat(10_000), List.of(name, "p".repeat(10_000))));
        assertEquals("", NearestName.hint("", List.of(name)));
        assertEquals("did you mean 'port'? ", NearestName.hint("pork", List.of(name)));
    }
}
