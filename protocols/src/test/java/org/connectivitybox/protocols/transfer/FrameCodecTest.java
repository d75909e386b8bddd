package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.transfer.TransferMessage.Accept;
import org.connectivitybox.protocols.transfer.TransferMessage.Ack;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Complete;
import org.connectivitybox.protocols.transfer.TransferMessage.Done;
import org.connectivitybox.protocols.transfer.TransferMessage.Failed;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.connectivitybox.protocols.transfer.TransferMessage.Wait;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  static final byte[] DIGEST = new byte[32];

  static {
    Arrays.fill(DIGEST, (byte) 0xAB);
  }

  static Setup setup() throws Exception {
    return new Setup(1, JobNumber.of(17), InetAddress.getByName("198.51.100.7"), DIGEST, 75_385,
        2, 16_384);
  }

  @Test
  void aSetupIsTheBytesOfTheDocument() throws Exception {
    String hex = HexFormat.of().formatHex(FrameCodec.encode(setup()));
    assertEquals("01" + "0000003c" // type, body length 60 (72 with an IPv6 address)
        + "01" + "0000000000000011" // version, job 17
        + "04" + "c6336407" // IPv4 198.51.100.7
        + "ab".repeat(32) // digest
        + "0000000000012679" // total bytes 75,385
        + "0002" + "00004000", hex); // pages, chunk size
  }

  @Test
  void everyFrameTypeRoundTrips() throws Exception {
    List<TransferMessage> all = List.of(setup(),
        new Setup(1, JobNumber.of(JobNumber.MAX), InetAddress.getByName("2001:db8::1"), DIGEST,
            1, 1, 512),
        new Accept(0), new Accept(5), new Refuse(RefuseReason.BUSY, 60, "queue full"),
        new Refuse(RefuseReason.WRONG_SENDER, 0, ""), new Wait(2),
        new Chunk(3, new byte[] {1, 2, 3}), new Ack(3), new Done(DIGEST),
        new Complete(75_385, 2), new Failed(FailureReason.DIGEST_MISMATCH, false, "ü"));
    for (TransferMessage m : all) {
      byte[] bytes = FrameCodec.encode(m);
      assertEquals(m.type().code(), bytes[0]);
      assertEquals(bytes.length - FrameCodec.HEADER,
          java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
      assertEquals(m, FrameCodec.read(new ByteArrayInputStream(bytes)), m.toString());
    }
    assertArrayEquals(new byte[] {0x11, 0, 0, 0, 4, 0, 0, 0, 3}, FrameCodec.encode(new Ack(3)));
  }

  @Test
  void aChunkWrittenFromTheDocumentIsTheChunkFrame() throws Exception {
    byte[] document = {9, 8, 7, 6, 5, 4};
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    FrameCodec.writeChunk(out, 2, document, 1, 3);
    assertArrayEquals(FrameCodec.encode(new Chunk(2, new byte[] {8, 7, 6})), out.toByteArray());
    rejects("1000000005" + "ffffffff01", "CHUNK: chunk index -1 is negative");
  }

  @Test
  void garbageIsRefusedWithTheFrameAndFieldNamed() throws Exception {
    rejects("7f00000000", "frame: unknown type 0x7F");
    rejects("1000040005", "CHUNK: body length 262149 is above the maximum 262148");
    rejects("01ffffffff", "SETUP: body length 4294967295 is above the maximum 1024");
    rejects("020000000300000a", "ACCEPT: body of 3 bytes is too short");
    rejects("030000000a" + "060000003c0000ffffff", "REFUSE: 3 bytes after the last field");
    rejects("02000000050000000a00", "ACCEPT: body length 5 is above the maximum 4");
    rejects("0200000004ffffffff", "ACCEPT: next chunk -1 is negative");
    rejects("030000000763000000000000", "REFUSE: unknown reason 99");
    rejects("0300000009060000003c0002c328", "REFUSE: detail is not UTF-8");
    rejects("0400000004" + "00000000", "WAIT: queue position 0 is below 1");
    rejects("1000000004" + "00000001", "CHUNK: chunk without data");
    rejects("1200000002" + "abab", "DONE: body of 2 bytes is too short");
    rejects("2000000008" + "0000000000000001", "COMPLETE: body of 8 bytes is too short");
    rejects("2100000004" + "02020000", "FAILED: resumable flag 2 is neither 0 nor 1");
    rejects("2100000004" + "00000000", "FAILED: unknown reason 0");
    String setup = HexFormat.of().formatHex(FrameCodec.encode(setup()));
    rejects(setup.substring(0, 12) + "0".repeat(16) + setup.substring(28), "SETUP: job number 0 is outside");
    rejects(setup.substring(0, 28) + "05" + setup.substring(30), "neither 4 (IPv4) nor 16");
    rejects(setup.substring(0, setup.length() - 8) + "00000100", "chunk size 256 is outside 512");
    rejects(setup.substring(0, setup.length() - 12) + "0000" + setup.substring(setup.length() - 8),
        "page count 0 is outside 1..999");
    rejects(setup.substring(0, 102) + "0000000000000000" + setup.substring(118),
        "total bytes 0 is outside");
    UnsupportedVersionException v = assertThrows(UnsupportedVersionException.class,
        () -> read("0100000001" + "02"));
    assertEquals(2, v.version());
  }

  @Test
  void aStreamThatEndsIsAnEofNotGarbage() {
    EOFException atStart = assertThrows(EOFException.class, () -> read(""));
    assertEquals("end of stream", atStart.getMessage());
    EOFException inHeader = assertThrows(EOFException.class, () -> read("1100"));
    assertTrue(inHeader.getMessage().contains("frame header truncated"));
    EOFException inBody = assertThrows(EOFException.class, () -> read("1100000004" + "0000"));
    assertTrue(inBody.getMessage().contains("ACK body truncated: 2 of 4"));
  }

  static TransferMessage read(String hex) throws Exception {
    return FrameCodec.read(new ByteArrayInputStream(HexFormat.of().parseHex(hex)));
  }

  static void rejects(String hex, String expected) {
    MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> read(hex));
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: "
        + e.getMessage());
  }
}
