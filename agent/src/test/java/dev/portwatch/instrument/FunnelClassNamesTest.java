package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FunnelClassNamesTest {

    @Test
    void theNamesTheTransformerWatchesAreTheClassesTheWeavingListWeaves() {
        Set<String> jdk = FunnelWeaving.ALL.stream().filter(woven -> !woven.library()).map(WovenClass::className)
                .collect(Collectors.toSet());
        Set<String> libraries = FunnelWeaving.ALL.stream().filter(WovenClass::library).map(WovenClass::className)
                .collect(Collectors.toSet());
        assertEquals(jdk, FunnelClassNames.JDK);
        assertEquals(libraries, Set.copyOf(FunnelClassNames.LIBRARY));
    }

    @Test
    void theFunnelsWovenAheadOfUseAreJdkFunnels() {
        assertTrue(FunnelClassNames.JDK.containsAll(FunnelClassNames.COMMON), FunnelClassNames.COMMON.toString());
    }

    @Test
    void aPreparedClassIsServedWovenAsWeavingOnTheSpotWouldWeaveIt() {
        FunnelCoverage coverage = new FunnelCoverage();
        FunnelClassTransformer transformer = new FunnelClassTransformer(FunnelClassNames.JDK,
                FunnelClassNames.LIBRARY, () -> FunnelWeaving.ALL, coverage, dev.portwatch.log.AgentLog.toStderr(),
                WeaveCacheOnFirstUse.opened(WeaveCache.OFF));
        String name = "sun.nio.ch.DatagramChannelImpl";
        byte[] original = FunnelWeaver.bootClassFile(name);
        transformer.prepare(name);
        byte[] woven = transformer.transform(null, "sun/nio/ch/DatagramChannelImpl", null, null, original);

        assertTrue(woven != null && woven.length > original.length, "woven from the prepared bytes");
        assertTrue(coverage.isTransformed(name));
        assertEquals(new String(woven, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(new FunnelWeaver(new FunnelCoverage(), dev.portwatch.log.AgentLog.toStderr()).weaveBootClass(FunnelWeaving.ALL.stream()
                        .filter(w -> w.className().equals(name)).findFirst().orElseThrow(), original),
                        java.nio.charset.StandardCharsets.ISO_8859_1),
                "the prepared result is what weaving on the spot gives");
    }
}
