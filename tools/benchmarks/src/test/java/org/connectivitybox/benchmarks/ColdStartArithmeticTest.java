package org.connectivitybox.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartArithmeticTest {

  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    Spread s = Spread.of(List.of(900, 1270, 880, 1500, 910));
    assertEquals(910, s.median());
    assertEquals(880, s.min());
    assertEquals(1500, s.max());
    assertEquals(5, s.count());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median());
    assertEquals(7, Spread.of(List.of(7L)).median());
  }

  @Test
  void noValuesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Spread.of(List.<Long>of()));
  }

  @Test
  void peakAndCurrentRssAreReadFromProcStatus() throws IOException {
    String status = "Name:\tjava\nVmPeak:\t 3925044 kB\nVmSize:\t 3859508 kB\n"
        + "VmHWM:\t  125848 kB\nVmRSS:\t  123904 kB\nThreads:\t19\n";
    assertEquals(new ProcStatus(125_848, 123_904), ProcStatus.parse(status, "status"));
  }

  @Test
  void aStatusWithoutVmHwmIsAnError() {
    // a zombie's status has no Vm lines
    assertThrows(IOException.class,
        () -> ProcStatus.parse("Name:\tjava\nState:\tZ (zombie)\n", "status"));
    assertTrue(ProcStatus.field("VmHWM:\t  12 MB\n", "VmHWM").isEmpty());
  }

  @Test
  void thisProcessHasAPeakAtLeastItsCurrentRss() throws IOException {
    ProcStatus self = ProcStatus.read(ProcessHandle.current().pid());
    assertTrue(self.vmHwmKib() >= self.vmRssKib() && self.vmRssKib() > 0, self.toString());
  }

  @Test
  void cpuTimeIsUserPlusSystemTicksOfOneHundredthOfASecond() throws IOException {
    // field 2 may hold spaces and brackets; utime 142, stime 17 ticks
    String stat = "4242 (java (cb) x) S 1 4242 4242 0 -1 4194560 20390 0 3 0 142 17 0 0 20 0"
        + " 19 0 1234 3925044864 31462 18446744073709551615\n";
    assertEquals(1590, ProcStatus.cpuMillis(stat));
  }
}
