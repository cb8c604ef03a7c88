package dev.portwatch.agent;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.capture.CaptureOnFirstUse;
import dev.portwatch.capture.SocketEventCapture;
import dev.portwatch.config.AgentConfig;
import dev.portwatch.config.ConfigException;
import dev.portwatch.config.ConfigParser;
import dev.portwatch.http.EndpointServer;
import dev.portwatch.instrument.FunnelInstaller;
import dev.portwatch.log.AgentLog;
import dev.portwatch.metrics.MetricsOnFirstUse;
import dev.portwatch.os.KernelViews;
import dev.portwatch.port.PortInfo;
import dev.portwatch.table.ConnectionTable;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/**
 * The wiring room: builds the agent's parts once the bridge is on the boot loader (configuration, table, capture,
 * instrumentation, housekeeping, metrics, endpoint) and hands each the others it needs. The one class that may see
 * every package (docs/architecture.md): a part that needs another gets it handed in here, never through a static.
 * Loaded only reflectively by {@link PortwatchAgent}, so nothing here is linked before the bridge exists.
 */
public final class Installer {

    static final String VERSION = versionOf(Installer.class);
    private static final int RECENT_ERRORS = 100;
    /**
     * The endpoint of this JVM's agent, kept where a later attach finds it: agentmain runs again in the same class,
     * and may start an endpoint that failed on another port, without a second copy of the instrumentation. Null
     * until the first install has built it.
     */
    private static volatile EndpointStarter endpoint;
    /** Set when this JVM refused the capture its sockets' ends: a later attach then installs nothing again. */
    private static volatile boolean endsRefused;
    /** How the JDK words a bind to a taken port (the errno's text); the CLI reads it in the published status too. */
    private static final String PORT_TAKEN = "Address already in use";

    static {
        PortwatchAgent.handOver(new Entry()); // last: the fields above are set by then
    }

    private Installer() {}

    /** How {@link PortwatchAgent} calls {@link #install}, without reflection or method handles. */
    private static final class Entry implements PortwatchAgent.Start {
        @Override
        public Runnable install(String arguments, Instrumentation instrumentation, boolean attached,
                                WeaveGate gate) {
            return Installer.install(arguments, instrumentation, attached, gate);
        }
    }

    /**
     * See {@link PortwatchAgent.Start}: with a gate, returns the rest of the start for the agent's thread. With a
     * gate this may run on the application's thread, inside a socket class's load: it reads no secret then, the
     * rest does ({@link SecretsAfterGate}).
     */
    public static Runnable install(String arguments, Instrumentation instrumentation, boolean attached,
                                   WeaveGate gate) {
        AgentLog log = AgentLog.toStderr();
        AgentConfig config;
        try {
            config = gate == null ? ConfigParser.parse(arguments, System.getProperties(), System.getenv())
                    : ConfigParser.parseWithoutSecrets(arguments, System.getProperties(), System.getenv());
        } catch (ConfigException bad) {
            log.info(bad.getMessage() + "; portwatch is off, the application runs without it");
            return null;
        }
        if (!config.enabled()) {
            return null;
        }
        if (endsRefused) {
            log.info("not recording: this JVM does not let it read a socket's ends (said when it first started)");
            return null;
        }
        if (Bridge.isInstalled()) {
            EndpointStarter started = endpoint;
            if (started == null || !started.retryOn(config.port())) {
                log.info("already running in this JVM (endpoint "
                        + System.getProperty(AgentConfig.publishedEndpointProperty(), "not started") + ")");
            }
            return null;
        }
        // What a socket on main's first line needs first: a listener behind the bridge (it builds the table and the
        // capture at the first event), then the transformer, which lets go any socket class held at the gate.
        CaptureOnFirstUse capture = new CaptureOnFirstUse(new CaptureParts(config, RECENT_ERRORS), config.openers());
        Bridge.install(capture);
        // Keeps the relocated Byte Buddy off sun.misc.Unsafe, which JDK 24+ warns about on the host's stderr.
        System.setProperty("dev.portwatch.shaded.net.bytebuddy.safe", "true");
        FunnelInstaller funnels = new FunnelInstaller(instrumentation, log, FaultInjection.missingFunnelMethod(),
                config.weaveCache(), config.weaveCacheChosen());
        funnels.installTransformer(gate);
        System.setProperty(AgentConfig.statusProperty(), "recording");
        Background background = new Background(config, capture, funnels, log, attached, gate);
        if (gate != null) {
            background.secrets = new SecretsAfterGate(arguments, log);
            return background; // for the agent's own thread, once the gate is open and the install lock let go
        }
        sayWarnings(config, log);
        Thread thread = new Thread(background, "portwatch-start");
        thread.setDaemon(true);
        thread.start();
        return null;
    }

    /** The lines about options that work but put a secret at risk, and about JVM options that bypass the funnels. */
    private static void sayWarnings(AgentConfig config, AgentLog log) {
        for (String warning : config.warnings()) {
            log.info(warning);
        }
        String bypass = BypassCheck.warning(Runtime.version().feature(),
                System.getProperty(BypassCheck.PLAIN_SOCKET_IMPL));
        if (bypass != null) {
            log.info(bypass);
        }
    }

    /**
     * The agent's start-up thread: checks that the capture can read a socket's ends; after a settle wait (the
     * application's start-up, when the agent started with the JVM) weaves ahead, then builds and starts the rest
     * (housekeeping, the endpoint and what it serves, the performance data the CLI reads). A short program ends
     * before most of it: its sockets are recorded all the same (each funnel class is woven as it loads).
     */
    private static final class Background implements Runnable {

        private AgentConfig config;
        /** With premain's gate: the secrets, read first (null: read already, with the rest of the options). */
        private SecretsAfterGate secrets;
        private final CaptureOnFirstUse parts;
        private final FunnelInstaller funnels;
        private final AgentLog log;
        private final boolean attached;
        private final WeaveGate gate;

        Background(AgentConfig config, CaptureOnFirstUse parts, FunnelInstaller funnels, AgentLog log,
                   boolean attached, WeaveGate gate) {
            this.gate = gate;
            this.config = config;
            this.parts = parts;
            this.funnels = funnels;
            this.log = log;
            this.attached = attached;
        }

        @Override
        public void run() {
            if (secrets != null) {
                funnels.retransformUnwoven(); // a class past its wait at the gate; none loaded before it on 17, 25
                config = secrets.read(config, parts, funnels);
                if (config == null) {
                    return;
                }
                sayWarnings(config, log);
            }
            try {
                parts.checkEnds(); // at once, here rather than in premain: the application's main starts sooner
            } catch (ReflectiveOperationException unreadable) {
                endsRefused = true;
                log.info("not recording: this JVM does not let it read a socket's ends (" + unreadable + ")");
                System.setProperty(AgentConfig.statusProperty(), "not recording (" + unreadable + ")");
                return;
            }
            // Attached to a running application there is no start-up to yield to: the rest is done at once. Nor is
            // there with the cache cold: weaving ahead at once, on the other core, spares the application's first
            // sockets Byte Buddy's cold weave on their own thread. Decided here, not in premain: it opens the cache.
            long settleMillis = attached || !funnels.commonClassesCached() ? 0 : FaultInjection.settleMillis();
            if (settleMillis > 0) {
                try {
                    Thread.sleep(settleMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt(); // no one interrupts it but the JVM's end: start at once
                }
            }
            try {
                funnels.complete();
            } catch (RuntimeException | LinkageError bug) {
                log.warn("complete", "could not prepare the socket classes' weaving ahead of use (" + bug
                        + "); they are woven as they load");
            }
            parts.prepareOpeners(); // here, not on the thread of a socket opened first (CaptureOnFirstUse)
            ConnectionTable table = parts.table();
            SocketEventCapture capture = parts.capture();
            // Both read nothing yet: the system's port files when first asked about, /proc once someone reads it.
            PortInfo ports = PortInfo.ofThisSystem();
            KernelViews kernelViews = new KernelViews();
            // The metrics are built on the first scrape (Micrometer takes a while to load), kept across attempts.
            EndpointServer.Served served = new EndpointServer.Served(table, ports, kernelViews,
                    new MetricsOnFirstUse(table, HealthCounts.of(table, gate), ports, kernelViews, VERSION));
            EndpointStarter starter = new EndpointStarter(config, served, capture, log);
            endpoint = starter;
            Housekeeping.start(table, capture, kernelViews, log);
            starter.start(config);
        }
    }

    /**
     * Starts the endpoint off the main thread (the application's start-up does not wait for it) and, when it failed,
     * once more on another port when an attach asks for it.
     */
    private static final class EndpointStarter {

        private final AgentConfig configured;
        private final EndpointServer.Served served;
        private final SocketEventCapture capture;
        private final AgentLog log;
        private boolean failed;

        EndpointStarter(AgentConfig config, EndpointServer.Served served, SocketEventCapture capture, AgentLog log) {
            this.configured = config;
            this.served = served;
            this.capture = capture;
            this.log = log;
        }

        /**
         * Starts the endpoint again on {@code port} (everything else as configured at start) if it failed; false
         * when it did not fail, or is being retried already. Says "recording" again at once, before the attach
         * that asked returns, so that the CLI waits for this attempt's outcome, not the last one's.
         */
        synchronized boolean retryOn(int port) {
            if (!failed) {
                return false;
            }
            failed = false;
            System.setProperty(AgentConfig.statusProperty(), "recording");
            startInBackground(configured.withPort(port));
            return true;
        }

        void startInBackground(AgentConfig config) {
            Thread starter = new Thread(() -> start(config), "portwatch-start");
            starter.setDaemon(true);
            starter.start();
        }

        void start(AgentConfig config) {
            InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
            if (address.isUnresolved()) {
                log.info("endpoint not started: cannot resolve host '" + config.host() + "'; recording continues");
                fail("endpoint failed: cannot resolve host '" + config.host() + "'");
                return;
            }
            try {
                SSLContext tls = config.tls() == null ? null : config.tls().serverContext();
                EndpointServer.Settings settings = new EndpointServer.Settings(address, config.host(),
                        config.token(), tls);
                EndpointServer server = capture.asAgent(new Bind(settings, served));
                ExposureWarning.warnIfExposed(config, address, log);
                String url = (tls == null ? "http://" : "https://") + hostForUrl(server.address()) + ":"
                        + server.address().getPort();
                // Logged before it is published: whoever waits for the property then finds the line already out.
                log.info("portwatch " + VERSION + " recording sockets; table at " + url + "/connections, metrics at "
                        + url + "/metrics");
                EndpointStatus.endpoint(url);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // Only a taken port is cured by another one: no other failure is told to try that.
                String cure = isPortTaken(e) ? AttachRefusal.anotherPort() : "";
                log.info("endpoint not started on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                        + "); recording continues" + cure);
                fail("endpoint failed on " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")");
            }
        }

        private static boolean isPortTaken(Exception e) {
            return e instanceof BindException && String.valueOf(e.getMessage()).contains(PORT_TAKEN);
        }

        private synchronized void fail(String status) {
            failed = true;
            EndpointStatus.failed(status);
        }
    }

    /** The endpoint's bind, as the agent's own socket: a class, where a lambda would spin one at every start. */
    private record Bind(EndpointServer.Settings settings, EndpointServer.Served served)
            implements SocketEventCapture.AgentAction<EndpointServer, IOException> {
        @Override
        public EndpointServer run() throws IOException {
            return EndpointServer.start(settings, served);
        }
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
