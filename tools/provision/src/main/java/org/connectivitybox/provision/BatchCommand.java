package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectivitybox.hal.store.AtomicFiles;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.SerialNumber;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Make many device folders in parallel: OUT_DIR/<serial>/ per device and OUT_DIR/manifest.csv (the legitimate serials the CSS imports). Resumable: a rerun with the same CA skips the devices already made and completes the rest; every device folder appears complete or not at all.")
final class BatchCommand extends ToolCommand {
  static final String MANIFEST = "manifest.csv";
  static final String MARKER = ".batch";
  static final String LOCK = ".batch.lock";

  @Option(names = "--ca", required = true, paramLabel = "CA_DIR", description = "Folder of the signing CA.")
  Path caDir;

  @Mixin
  CaPassword caPassword;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false)
    Generated generated;

    @Option(names = "--from", paramLabel = "FILE", required = true,
        description = "Serial numbers, one per line (first CSV column; '#' comments and a "
            + "'serial' header allowed).")
    Path from;
  }

  static final class Generated {
    @Option(names = "--count", required = true, paramLabel = "N", description = "How many devices.")
    int count;

    @Option(names = "--prefix", required = true, paramLabel = "PREFIX",
        description = "Serial prefix; serials are PREFIX000001, PREFIX000002, ...")
    String prefix;

    @Option(names = "--start", paramLabel = "N", defaultValue = "1",
        description = "First number. Default: ${DEFAULT-VALUE}.")
    int start;
  }

  @Option(names = "--out", required = true, paramLabel = "OUT_DIR", description = "Folder of the batch.")
  Path out;

  @Option(names = "--threads", paramLabel = "N",
      description = "Parallel workers. Default: 8 per processor (the work waits mostly on the "
          + "disk forcing each device's files to the medium), at most 64.")
  Integer threads;

  @Mixin
  KeyTypeOption keyType;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Mixin
  FactoryOptions factory;

  @Override
  public Integer call() throws Exception {
    List<SerialNumber> serials = source.from != null
        ? SerialList.read(source.from)
        : SerialList.generate(source.generated.prefix, source.generated.start,
            source.generated.count);
    int workers = threads == null
        ? Math.min(64, 8 * Runtime.getRuntime().availableProcessors()) : threads;
    if (workers < 1 || workers > 256) {
      throw new ProvisionException("--threads must be between 1 and 256: " + workers);
    }
    CertificateAuthority ca = CaFolder.load(caDir, caPassword.get());
    DeviceFactory devices = new DeviceFactory(ca, factory, keyType.get());
    Files.createDirectories(out);
    try (FileChannel lockFile = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        throw new ProvisionException(out + " is in use by another provisioning run");
      }
      checkMarker(ca);
      DeviceFolder.removePartials(out);
      return run(serials, devices, workers);
    }
  }

  private int run(List<SerialNumber> serials, DeviceFactory devices, int workers)
      throws Exception {
    long start = System.nanoTime();
    List<Future<Optional<ManifestRow>>> results = new ArrayList<>(serials.size());
    int existing = 0;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (Progress progress = new Progress(spec.commandLine().getErr(), serials.size(),
        System.console() != null, quiet)) {
      for (SerialNumber serial : serials) {
        Path folder = out.resolve(serial.value());
        boolean done = Files.isDirectory(folder);
        if (done) {
          existing++;
        }
        results.add(pool.submit(() -> {
          try {
            return done ? Optional.empty() : Optional.of(devices.make(serial, folder, false));
          } finally {
            progress.step();
          }
        }));
      }
      pool.shutdown();
      List<String> rows = new ArrayList<>(serials.size());
      for (int i = 0; i < serials.size(); i++) {
        Optional<ManifestRow> made = await(results.get(i));
        rows.add((made.isPresent() ? made.get() : readBack(serials.get(i))).csv());
      }
      AtomicFiles.forceFolder(out); // every device folder's name is durable before the manifest
      writeManifest(rows);
    } finally {
      // On a failure, stop the other workers and wait for them: each removes its own staging
      // folder, so that the batch folder holds only complete devices when the command returns.
      pool.shutdownNow();
      if (!pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
        out().println("warning: workers still running after 2 minutes; rerun to clean up");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int made = serials.size() - existing;
    out().printf("made %d devices (%d already present) in %.1f s, %.0f devices/s; "
        + "manifest: %s%n", made, existing, seconds, made / seconds, out.resolve(MANIFEST));
    return 0;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The manifest row of a device made by an earlier run. */
  private ManifestRow readBack(SerialNumber serial) throws ProvisionException {
    Path folder = out.resolve(serial.value());
    try {
      Parameters190 p = Parameters190Codec.read(
          DirectoryStore.open(folder.resolve(DeviceFolder.STORE))).orElseThrow(() ->
              new IOException("no parameters 190"));
      if (!p.serialNumber().equals(serial)) {
        throw new IOException("it holds serial " + p.serialNumber());
      }
      return ManifestRow.of(p);
    } catch (IOException e) {
      throw new ProvisionException("device folder " + folder + " from an earlier run is not "
          + "usable: " + e.getMessage() + " (check it with 'provision verify'; remove it to "
          + "make it again)", e);
    }
  }

  private void writeManifest(List<String> rows) throws IOException {
    StringBuilder csv = new StringBuilder(ManifestRow.HEADER).append('\n');
    for (String row : rows) {
      csv.append(row).append('\n');
    }
    AtomicFiles.write(out.resolve(MANIFEST), csv.toString().getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.PUBLIC);
  }

  /** A batch folder belongs to one CA: a rerun with another CA would mix two fleets. */
  private void checkMarker(CertificateAuthority ca) throws Exception {
    String fingerprint = "ca-sha256=" + ManifestRow.sha256(ca.certificate().getEncoded()) + "\n";
    Path marker = out.resolve(MARKER);
    if (Files.exists(marker)) {
      if (!Files.readString(marker).equals(fingerprint)) {
        throw new ProvisionException(out + " holds devices of another CA; use a new --out folder");
      }
    } else {
      AtomicFiles.write(marker, fingerprint.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
    }
  }
}
