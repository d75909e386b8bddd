package org.connectivitybox.hal.scanner.sane;

import au.com.southsky.jfreesane.OptionValueType;
import au.com.southsky.jfreesane.SaneDevice;
import au.com.southsky.jfreesane.SaneException;
import au.com.southsky.jfreesane.SaneOption;
import au.com.southsky.jfreesane.SaneSession;
import au.com.southsky.jfreesane.SaneStatus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.scanner.ColourMode;
import org.connectivitybox.hal.scanner.PageImages;
import org.connectivitybox.hal.scanner.ScannedPage;
import org.connectivitybox.hal.scanner.Scanner;
import org.connectivitybox.hal.scanner.ScannerException;
import org.tinylog.Logger;

/**
 * The board's scanner: one SANE network session to saned per scan (connect, open the device, set
 * mode, resolution and source, read the pages, close), through jfreesane.
 *
 * <p>Modes: BILEVEL asks for {@code Lineart}; a device without it is scanned in {@code Gray} and
 * thresholded at 50%. GREY asks for {@code Gray}, COLOUR for {@code Color}. The resolution the
 * device actually took is read back and reported with each page. From the flatbed a scan is one
 * page; from the feeder it is every sheet until the device says it has no more (an empty feeder is
 * an empty list). Pages are PNG-encoded. Scans are serialised: saned serves one client per device.
 */
public final class SaneScanner implements Scanner {

  private final SaneScannerConfig config;

  /** A scanner for {@code config}; nothing is opened until {@link #scan()}. */
  public SaneScanner(SaneScannerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public synchronized List<ScannedPage> scan() throws ScannerException {
    long timeoutMs = config.timeout().toMillis();
    SaneSession session;
    try {
      session = SaneSession.withRemoteSane(new InetSocketAddress(config.host(), config.port()),
          timeoutMs, TimeUnit.MILLISECONDS, timeoutMs, TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      throw new ScannerException(ScannerException.Kind.UNREACHABLE, config + ": " + e, e);
    }
    try (session) {
      SaneDevice device = session.getDevice(config.device());
      try {
        device.open();
      } catch (SaneException e) {
        throw failure("open", e, e.getStatus() == SaneStatus.STATUS_INVAL
            ? ScannerException.Kind.NO_SUCH_DEVICE : kindOf(e.getStatus()));
      }
      try (device) {
        boolean threshold = setMode(device);
        int dpi = setResolution(device);
        setSource(device);
        List<ScannedPage> pages = new ArrayList<>();
        while (true) {
          BufferedImage image;
          try {
            image = device.acquireImage();
          } catch (SaneException e) {
            if (e.getStatus() == SaneStatus.STATUS_NO_DOCS) {
              break;
            }
            throw failure("scan page " + (pages.size() + 1), e, kindOf(e.getStatus()));
          }
          if (threshold) {
            image = PageImages.bilevel(image);
          }
          ScannedPage page = new ScannedPage(PageImages.png(image), "image/png", image.getWidth(),
              image.getHeight(), dpi, PageImages.colourModeOf(image));
          Logger.debug("{}: {}", config, page);
          pages.add(page);
          if (!config.feeder()) {
            break;
          }
        }
        return pages;
      }
    } catch (SaneException e) {
      throw failure("set up", e, kindOf(e.getStatus()));
    } catch (ScannerException e) {
      throw e;
    } catch (IOException e) {
      throw new ScannerException(ScannerException.Kind.IO, config + ": " + e, e);
    }
  }

  /** Sets the mode; true if the image must be thresholded because the device has no line art. */
  private boolean setMode(SaneDevice device) throws IOException, SaneException {
    SaneOption mode = device.getOption("mode");
    if (mode == null || !mode.isActive()) {
      return config.colourMode() == ColourMode.BILEVEL;
    }
    List<String> offered = mode.getStringConstraints();
    String wanted = switch (config.colourMode()) {
      case BILEVEL -> "Lineart";
      case GREY -> "Gray";
      case COLOUR -> "Color";
    };
    if (offered.contains(wanted)) {
      mode.setStringValue(wanted);
      return false;
    }
    if (config.colourMode() == ColourMode.BILEVEL && offered.contains("Gray")) {
      mode.setStringValue("Gray");
      return true;
    }
    throw new SaneException(config + " offers modes " + offered + ", not " + wanted);
  }

  /** Sets the resolution and returns the one the device took. */
  private int setResolution(SaneDevice device) throws IOException, SaneException {
    SaneOption resolution = device.getOption("resolution");
    if (resolution == null || !resolution.isActive()) {
      return config.dpi();
    }
    if (resolution.getType() == OptionValueType.FIXED) {
      return (int) Math.round(resolution.setFixedValue(config.dpi()));
    }
    return resolution.setIntegerValue(config.dpi());
  }

  private void setSource(SaneDevice device) throws IOException, SaneException {
    SaneOption source = device.getOption("source");
    if (source == null || !source.isActive()) {
      if (config.feeder()) {
        throw new SaneException(config + " has no document feeder (no source option)");
      }
      return;
    }
    for (String s : source.getStringConstraints()) {
      boolean isFeeder = s.contains("ADF") || s.contains("Feeder");
      if (isFeeder == config.feeder()) {
        source.setStringValue(s);
        return;
      }
    }
    throw new SaneException(config + " offers sources " + source.getStringConstraints()
        + ", none of them " + (config.feeder() ? "a feeder" : "a flatbed"));
  }

  private ScannerException failure(String step, SaneException e, ScannerException.Kind kind) {
    String status = e.getStatus() == null ? e.getMessage() : e.getStatus().name();
    return new ScannerException(kind, config + ": " + step + " failed: " + status, e);
  }

  private static ScannerException.Kind kindOf(SaneStatus status) {
    if (status == null) {
      return ScannerException.Kind.IO;
    }
    return switch (status) {
      case STATUS_DEVICE_BUSY -> ScannerException.Kind.BUSY;
      case STATUS_JAMMED -> ScannerException.Kind.JAMMED;
      case STATUS_COVER_OPEN -> ScannerException.Kind.COVER_OPEN;
      case STATUS_ACCESS_DENIED -> ScannerException.Kind.ACCESS_DENIED;
      default -> ScannerException.Kind.IO;
    };
  }
}
