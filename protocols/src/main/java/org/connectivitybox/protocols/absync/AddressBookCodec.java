package org.connectivitybox.protocols.absync;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * The JSON of ABGET ({@code POST /v1/address-book}): the request is {@code {}}; the answer is
 * <pre>{"sequenceNumber": 1, "entries": [{"cbName": "jo-home", "friendlyName": "Uncle Jo"}]}</pre>
 * Decoding is strict: every field required, CB names well formed, friendly names 1..64
 * characters.
 */
public final class AddressBookCodec {
  private static final String DOC = "ABGET response";

  private AddressBookCodec() {}

  public static byte[] encode(AddressBookDownload d) {
    JsonArray entries = new JsonArray();
    for (AddressBookDownload.Entry e : d.entries()) {
      JsonObject o = new JsonObject();
      o.addProperty("cbName", e.cbName().value());
      o.addProperty("friendlyName", e.friendlyName());
      entries.add(o);
    }
    JsonObject o = new JsonObject();
    o.addProperty("sequenceNumber", d.sequenceNumber());
    o.add("entries", entries);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** @throws MalformedMessageException naming the field at fault */
  public static AddressBookDownload decode(byte[] body) throws MalformedMessageException {
    JsonFields o = JsonFields.parse(DOC, body);
    long sequence = o.integer("sequenceNumber", 0, SequenceNumbers.MAX);
    JsonElement raw;
    try {
      raw = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject()
          .get("entries");
    } catch (RuntimeException e) {
      throw new MalformedMessageException(DOC + ": not a JSON object", e);
    }
    if (raw == null || !raw.isJsonArray()) {
      throw o.wrong("entries", "must be an array");
    }
    List<AddressBookDownload.Entry> entries = new ArrayList<>();
    int i = 0;
    for (JsonElement item : raw.getAsJsonArray()) {
      i++;
      JsonFields e = JsonFields.parse(DOC + " entry " + i,
          item.toString().getBytes(StandardCharsets.UTF_8));
      String friendly = e.string("friendlyName");
      if (friendly.isBlank() || friendly.length() > 64) {
        throw e.wrong("friendlyName", "must be 1 to 64 characters");
      }
      CbName name;
      try {
        name = CbName.of(e.string("cbName"));
      } catch (IllegalArgumentException x) {
        throw e.wrong("cbName", "is invalid: " + x.getMessage());
      }
      entries.add(new AddressBookDownload.Entry(name, friendly));
    }
    return new AddressBookDownload(sequence, entries);
  }
}
