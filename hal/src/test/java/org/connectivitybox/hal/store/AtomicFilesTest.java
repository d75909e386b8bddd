package org.connectivitybox.hal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AtomicFiles")
class AtomicFilesTest {
  @TempDir Path dir;

  static List<String> entries(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void writesTheContentWithTheGivenPermissionsAndLeavesNoTemporaryFile() throws IOException {
    Path secret = dir.resolve("secret");
    Path cert = dir.resolve("cert.pem");
    AtomicFiles.write(secret, bytes("key"), AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(cert, bytes("cert"), AtomicFiles.PUBLIC);
    assertEquals("key", Files.readString(secret));
    assertEquals("rw-------", permissions(secret));
    assertEquals("rw-r--r--", permissions(cert));
    assertEquals(List.of("cert.pem", "secret"), entries(dir));
  }

  @Test
  void replacingAFileAppliesTheNewPermissionsNotTheOldOnes() throws IOException {
    Path target = dir.resolve("f");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
    AtomicFiles.writeNoFolderSync(target, bytes("new"), AtomicFiles.OWNER_ONLY);
    assertEquals("new", Files.readString(target));
    assertEquals("rw-------", permissions(target));
    assertEquals(List.of("f"), entries(dir));
  }

  @Test
  void aFailedReplaceKeepsTheTargetAndRemovesTheTemporaryFile() throws IOException {
    // Root ignores read-only folders, so the rename is made to fail another way: the target is
    // a folder, which rename(2) does not replace with a file (EISDIR).
    Path target = dir.resolve("target");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "old");
    assertThrows(IOException.class,
        () -> AtomicFiles.write(target, bytes("new"), AtomicFiles.OWNER_ONLY));
    assertEquals("old", Files.readString(target.resolve("inside")));
    assertEquals(List.of("target"), entries(dir));
  }

  @Test
  void writingIntoAMissingFolderFailsWithoutCreatingAnything() {
    Path target = dir.resolve("missing").resolve("f");
    assertThrows(NoSuchFileException.class,
        () -> AtomicFiles.write(target, bytes("x"), AtomicFiles.OWNER_ONLY));
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  @Test
  void aNarrowUmaskDoesNotNarrowPublicFiles() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path control = dir.resolve("control");
    runWithUmask("077", "atomic", cert.toString(), "rw-r--r--", control.toString());
    assertEquals("rw-------", permissions(control), "the child's umask was really 077");
    assertEquals("rw-r--r--", permissions(cert));
    assertArrayEquals(bytes("written by the child"), Files.readAllBytes(cert));
  }

  @Test
  void aPermissiveUmaskDoesNotWidenSecretFiles() throws Exception {
    Path secret = dir.resolve("secret");
    Path control = dir.resolve("control");
    runWithUmask("000", "atomic", secret.toString(), "rw-------", control.toString());
    assertEquals("rw-rw-rw-", permissions(control), "the child's umask was really 000");
    assertEquals("rw-------", permissions(secret));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs {@link UmaskChild} in a new JVM under {@code umask}: the JVM cannot change its own umask,
   * so this is how a test sees what a file gets under a permissive or a strict one.
   */
  static void runWithUmask(String umask, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
        "umask " + umask + " && exec \"$0\" \"$@\"",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", location(AtomicFilesTest.class) + File.pathSeparator + location(AtomicFiles.class),
        UmaskChild.class.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      child.getOutputStream().close();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish in 60 s");
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, child.exitValue(), "child failed: " + output);
    } finally {
      child.destroyForcibly();
    }
  }

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /**
   * The child process: {@code atomic FILE PERMS CONTROL} writes FILE through {@link AtomicFiles};
   * {@code store FOLDER NAME CONTROL} writes record NAME through a {@link DirectoryStore}. Both
   * also create CONTROL plainly (mode 0666 less the umask), so that the test can see the umask.
   */
  public static final class UmaskChild {
    public static void main(String[] args) throws IOException {
      switch (args[0]) {
        case "atomic" -> AtomicFiles.write(Path.of(args[1]), bytes("written by the child"),
            PosixFilePermissions.fromString(args[2]));
        case "store" -> DirectoryStore.open(Path.of(args[1]))
            .write(args[2], 1, bytes("written by the child"));
        default -> throw new IllegalArgumentException(args[0]);
      }
      Files.createFile(Path.of(args[3]));
    }
  }
}
