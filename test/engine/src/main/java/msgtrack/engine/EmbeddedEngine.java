package msgtrack.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.ingest.common.IngestCommonPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.script.mustache.MustachePlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node in-process, for msgtrack's tests and quick start (issue 3).
 *
 * <p>Usage: {@code EmbeddedEngine [--port N] [--data-dir DIR] [--stop-on-stdin-close]}; env
 * {@code MSGTRACK_ENGINE_PORT} and {@code MSGTRACK_ENGINE_DATA_DIR} are the defaults. Port 0 binds
 * a free port. DIR must be absent or empty and is deleted on exit; without it a temporary folder
 * is used. Prints exactly one line, {@code msgtrack-engine ready http://127.0.0.1:PORT}, once HTTP
 * serves; stops on SIGTERM/SIGINT, and with {@code --stop-on-stdin-close} also when the parent
 * process goes away (its end of our stdin closes), so a killed test runner leaves no orphan.
 */
public final class EmbeddedEngine {
  public static final String READY_PREFIX = "msgtrack-engine ready ";

  /** Node's plugin constructor is protected; this subclass only opens it. */
  private static final class PluginNode extends Node {
    PluginNode(Settings settings, List<Class<? extends Plugin>> plugins) {
      super(InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null,
          () -> settings.get("node.name")), plugins, true);
    }
  }

  // 2.19 names; in 3.x these become *ModulePlugin with a PluginInfo constructor.
  private static final List<Class<? extends Plugin>> PLUGINS = List.of(
      Netty4Plugin.class, IngestCommonPlugin.class, PainlessPlugin.class, MustachePlugin.class,
      CommonAnalysisPlugin.class, MapperExtrasPlugin.class);

  private EmbeddedEngine() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("MSGTRACK_ENGINE_PORT", "9200"));
    String dataDir = System.getenv("MSGTRACK_ENGINE_DATA_DIR");
    boolean watchStdin = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDir = value(args, ++i, "--data-dir");
        case "--stop-on-stdin-close" -> watchStdin = true;
        default -> fail("unknown argument " + args[i]
            + " (allowed: --port N, --data-dir DIR, --stop-on-stdin-close)");
      }
    }
    Path home = prepareHome(dataDir);
    Node node;
    try {
      node = new PluginNode(settings(home, port), PLUGINS);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.err.println("msgtrack-engine: invalid node configuration: " + e);
      deleteTree(home);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close(node);
      deleteTree(home);
      stopped.countDown();
    }, "msgtrack-engine-shutdown"));
    try {
      node.start();
    } catch (Exception | Error e) {
      e.printStackTrace();
      // Last, so the stderr tail a failed start shows always holds the cause.
      System.err.println("msgtrack-engine: start failed: " + e);
      System.exit(1); // runs the hook: closes the node and removes the folder
    }
    int bound = node.injector().getInstance(HttpServerTransport.class)
        .boundAddress().publishAddress().getPort();
    System.out.println(READY_PREFIX + "http://127.0.0.1:" + bound);
    System.out.flush();
    if (watchStdin) {
      watchStdin();
    }
    // Node threads are daemons: without this wait the JVM would exit right after start().
    stopped.await();
  }

  private static Settings settings(Path home, int port) {
    return Settings.builder()
        .put("cluster.name", "msgtrack-engine")
        .put("node.name", "msgtrack-engine-0")
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("network.host", "127.0.0.1")
        .put("http.port", port)
        .put("transport.port", 0)
        .put("discovery.type", "single-node")
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // Small CI disks would otherwise hit the flood-stage watermark and block writes.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
  }

  /** A fresh home each start: stale cluster state leaks blocks into the next run. */
  private static Path prepareHome(String dataDir) throws IOException {
    if (dataDir == null || dataDir.isEmpty()) {
      return Files.createTempDirectory("msgtrack-engine-");
    }
    Path dir = Path.of(dataDir).toAbsolutePath();
    if (Files.isDirectory(dir)) {
      // Refuse rather than wipe: the folder is deleted on exit, so it must be ours alone.
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          fail("--data-dir " + dir + " is not empty; give a new or empty folder");
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static void watchStdin() {
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
          // the parent never writes; reading only detects the close
        }
      } catch (IOException ignored) {
        // a broken pipe means the same as EOF: the parent is gone
      }
      System.exit(0);
    }, "msgtrack-engine-stdin");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void close(Node node) {
    try {
      node.close();
      node.awaitClose(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("msgtrack-engine: error while closing the node: " + e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("msgtrack-engine: could not delete " + root + ": " + e);
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      fail(flag + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("msgtrack-engine: " + message);
    System.exit(2);
  }
}
