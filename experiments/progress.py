"""Progress a person can follow: runs done of the total, failures, time spent and time left."""

import sys
import time


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    """One line, rewritten in place on a terminal; elsewhere (CI logs, files) a new line per tenth of the work."""

    def __init__(self, total: int, already: int, stream=sys.stdout):
        self.total, self.already, self.stream = total, already, stream
        self.start = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last = None  # the tenth of the work last shown
        self.shown = None  # the (done, failed) last shown

    def line(self, done: int, failed: int) -> str:
        """`[ 37/120]  31% | 1 failed | 0:01:02 spent | about 0:02:15 left`; the pace counts this session's runs."""
        spent = time.monotonic() - self.start
        new = done - self.already
        left = f"about {clock(spent / new * (self.total - done))} left" if new > 0 else "time left: after the first run"
        width = len(str(self.total))
        return (f"[{done:>{width}}/{self.total}] {done / max(self.total, 1):4.0%} | {failed} failed | "
                f"{clock(spent)} spent | {left}")

    def update(self, done: int, failed: int) -> None:
        tenth = done * 10 // max(self.total, 1)
        if self.tty:
            self.stream.write("\r" + self.line(done, failed).ljust(78))
        elif tenth != self.last:
            self.stream.write(self.line(done, failed) + "\n")
            self.shown = (done, failed)
        self.last = tenth
        self.stream.flush()

    def close(self, done: int, failed: int) -> None:
        """The final count, on its own line (unless that very line was just shown)."""
        if self.tty:
            self.stream.write("\r" + self.line(done, failed).ljust(78) + "\n")
        elif self.shown != (done, failed):
            self.stream.write(self.line(done, failed) + "\n")
        self.stream.flush()
