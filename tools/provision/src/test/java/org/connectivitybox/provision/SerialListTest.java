package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialListTest {
  @TempDir Path dir;

  @Test
  void generatedSerialsArePrefixedAndZeroPadded() throws Exception {
    List<SerialNumber> s = SerialList.generate("CB26A-", 9, 3);
    assertEquals(List.of("CB26A-000009", "CB26A-000010", "CB26A-000011"),
        s.stream().map(SerialNumber::value).toList());
  }

  @Test
  void generatedSerialsWidenBeyondSixDigits() throws Exception {
    assertEquals("X1000000", SerialList.generate("X", 1_000_000, 1).get(0).value());
  }

  @Test
  void aPrefixThatMakesMalformedSerialsIsRefused() {
    ProvisionException e =
        assertThrows(ProvisionException.class, () -> SerialList.generate("bad prefix", 1, 2));
    assertTrue(e.getMessage().contains("--prefix 'bad prefix'"), e.getMessage());
  }

  @Test
  void countOutOfRangeIsRefused() {
    assertThrows(ProvisionException.class, () -> SerialList.generate("A", 1, 0));
    assertThrows(ProvisionException.class,
        () -> SerialList.generate("A", 1, SerialList.MAX_BATCH + 1));
  }

  @Test
  void aFileMayHaveAHeaderCommentsBlankLinesAndMoreColumns() throws Exception {
    Path f = write("serial,batch\n# first line\nCB1,x\n\n\"CB2\",y\r\nCB3\n");
    assertEquals(List.of("CB1", "CB2", "CB3"),
        SerialList.read(f).stream().map(SerialNumber::value).toList());
  }

  @Test
  void aDuplicateSerialNamesBothLines() throws Exception {
    Path f = write("CB1\nCB2\nCB1\n");
    ProvisionException e = assertThrows(ProvisionException.class, () -> SerialList.read(f));
    assertEquals(f + ":3: duplicate serial number CB1 (first on line 1)", e.getMessage());
  }

  @Test
  void aMalformedSerialNamesItsLine() throws Exception {
    Path f = write("CB1\nCB 2\n");
    ProvisionException e = assertThrows(ProvisionException.class, () -> SerialList.read(f));
    assertTrue(e.getMessage().startsWith(f + ":2: malformed serial number 'CB 2'"), e.getMessage());
  }

  @Test
  void anEmptyFileOrAMissingFileIsRefused() throws Exception {
    Path f = write("# nothing\n\n");
    assertEquals(f + ": no serial numbers in it",
        assertThrows(ProvisionException.class, () -> SerialList.read(f)).getMessage());
    Path missing = dir.resolve("missing.csv");
    assertEquals(missing + ": no such file",
        assertThrows(ProvisionException.class, () -> SerialList.read(missing)).getMessage());
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("serials.csv");
    Files.writeString(f, text);
    return f;
  }
}
