"""The soak behind soak.sh: drive a kiosk in tmux into every screen by known
key paths, check it arrived by what is on the screen, and there send random
events: keys, mouse reports (broken ones too), text, pastes, bytes that
decode to no character, escape junk and resizes down to 1x1. Underneath, a
thread makes the catalogue vanish, replaces it by a corrupt file, restores
it and switches in new versions with chayue-admin.

Events are cheap: a batch of them goes to tmux in one command (commands
joined with ";", text as raw bytes with send-keys -H), and the screen is read
only at checkpoints. A checkpoint proves that the kiosk handled everything
sent before it: F12 (a new visitor), then / and a token that has never been
typed before, waited for on the search line. Only then is the next screen's
path sent and its marker waited for.

Prints "key value" lines (events, rate, RSS figures, counts) for soak.sh to
assert. With SOAK_DEBUG=FILE, the screen is appended to FILE whenever a
checkpoint or a drive is sent again. Usage: soak.py --help."""
import argparse
import fcntl
import gettext
import os
import random
import resource
import shutil
import struct
import subprocess
import termios
import threading
import time

p = argparse.ArgumentParser()
p.add_argument("--socket", required=True)
p.add_argument("--events", type=int, required=True)
p.add_argument("--seed", type=int, required=True)
p.add_argument("--pid", type=int, required=True, help="the kiosk's process")
p.add_argument("--catalogue", required=True, help="the path the kiosk reads")
p.add_argument("--good", required=True, help="a good catalogue to restore")
p.add_argument("--admin", required=True)
p.add_argument("--config", required=True)
p.add_argument("--pin", required=True)
p.add_argument("--localedir", required=True)
p.add_argument("--home-marker", required=True,
               help="text only the home screen shows (domain 26's line)")
p.add_argument("--variant", action="append", default=[],
               help="a file chayue-admin imports as a new version")
p.add_argument("--work", required=True, help="a directory for temporary files")
p.add_argument("--wait", type=float, default=30,
               help="seconds to wait for the screen (a liveness bound)")
p.add_argument("--warmup", type=float, default=0.2,
               help="the share of the events that warms up RSS")
a = p.parse_args()
rnd = random.Random(a.seed)
zh = gettext.translation("chayue", a.localedir, languages=["zh_CN"])
en = gettext.NullTranslations()


def msg(text, tr=zh):
    return tr.gettext(text)


# ---------------------------------------------------------------- tmux ----
# tmux hands a command line to its server in one message of at most 16 KB.
TMUX_LIMIT = 8000


class Tmux:
    """Commands collected and sent in as few tmux runs as fit."""

    def __init__(self, sock):
        self.sock = sock
        self.argv = []
        self.size = 0
        self.runs = 0

    def add(self, *cmd):
        size = sum(len(x) + 1 for x in cmd) + 2
        if self.argv and self.size + size > TMUX_LIMIT:
            self.flush()
        if self.argv:
            self.argv.append(";")
        self.argv.extend(cmd)
        self.size += size

    def keys(self, *names):
        if names:
            self.add("send-keys", "-t", "t", *names)

    def raw(self, data):
        """Bytes as they are, invalid UTF-8 included."""
        for i in range(0, len(data), 1000):
            self.add("send-keys", "-t", "t", "-H",
                     *("%02x" % b for b in data[i:i + 1000]))

    def text(self, s):
        self.raw(s.encode())

    def flush(self):
        if self.argv:
            subprocess.run(["tmux", "-L", self.sock] + self.argv,
                           check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            self.runs += 1
        self.argv = []
        self.size = 0


tm = Tmux(a.socket)


def screen():
    return subprocess.run(["tmux", "-L", a.socket, "capture-pane", "-p", "-t",
                           "t"], capture_output=True, text=True).stdout


# ------------------------------------------------------------- process ----
def alive():
    """The kiosk runs (not a zombie)."""
    try:
        with open("/proc/%d/stat" % a.pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def cpu():
    """The kiosk's CPU time so far, seconds."""
    try:
        with open("/proc/%d/stat" % a.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def rss():
    """RssAnon in kB (the heap and stacks: what a leak grows; the mapped
    search index's pages are file pages the kernel can drop, and come and
    go with the searches), 0 if gone."""
    try:
        with open("/proc/%d/status" % a.pid) as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# -------------------------------------------------------------- events ----
NAMED = ("Up Down Left Right Enter Home End PPage NPage IC DC Space Tab BTab "
         "F1 F2 F3 F4 F5 F6 F7 F8 F11 C-c C-z C-\\ C-s C-q C-d C-a C-l C-u "
         "C-w M-x M-q Up Down Down Enter Space NPage").split()
# Keys that leave the screen come up less often, so that the events mostly
# land on the screen the model drove to.
LEAVING = "Escape BSpace F9 F10 F12 h ? / t j c p y n r q".split()
TEXT = ("0123456789abcdefghijklmnopqrstuvwxyzQ?/h.,;'\"低保养老户籍戶籍"
        "ＡＢＣ２０２０〔〕最低生活保障社会救助𠀀😀\u200f\u202e\t")
SIZES = [(1, 1), (2, 1), (1, 5), (10, 3), (39, 11), (40, 12), (41, 13),
         (80, 24), (120, 40), (200, 60), (57, 19), (300, 100)]
# Bytes that decode to no character, or to nothing at all: past U+10FFFF
# (once taken for F10 and "PIN granted"), surrogates, non-characters,
# overlong forms, lone continuation and lead bytes.
INVALID = [b"\xf4\x90\x88\x9d", b"\xf4\x90\x84\x92", b"\xf7\xbf\xbf\xbf",
           b"\xf4\x8f\xbf\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf",
           b"\xef\xb7\x90", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xff",
           b"\xfe", b"\xc0\x80", b"\xc1\xbf", b"\x80", b"\xbf\xbf",
           b"\xe4\xbd", b"\xf8\x88\x80\x80\x80", b"\xfc\x84\x80\x80\x80\x80",
           b"\x00", b"\x1b\xf4\x90\x80\x80", b"\x9b1;1H", b"\xc2\x9b2J"]
JUNK = [b"\x1b[", b"\x1b[99999;99999H", b"\x1bO", b"\x1b]0;x\x07",
        b"\x1b[2J", b"\x1b[6n", b"\x1bP+q\x1b\\", b"\x1b]52;c;aGk=\x07",
        b"\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13A", b"\x1b\x1b\x1b",
        b"\x1b[200~", b"\x1b[201~", b"\x1b[?1049l", b"\x1b[24;99~",
        b"\x1b[" + b"9" * 300 + b"~"]


def mouse():
    """A report as an xterm sends it, or one broken on the way."""
    b = rnd.choice([0, 0, 0, 3, 64, 65, 1, 2, 96, 32, 35])
    x, y = rnd.randrange(0, 230), rnd.randrange(0, 230)
    r = rnd.random()
    if r < 0.15:                         # SGR form, sometimes nonsense
        seq = b"\x1b[<%d;%d;%d%s" % (b, x + 1, y + 1,
                                     rnd.choice([b"M", b"m", b"", b"X"]))
    else:                                # X10: past 94 the bytes are not ASCII
        seq = b"\x1b[M" + bytes([32 + b, min(255, 33 + x), min(255, 33 + y)])
        if b < 64 and rnd.random() < 0.6:
            seq += b"\x1b[M" + bytes([35, min(255, 33 + x), min(255, 33 + y)])
    if rnd.random() < 0.15:              # cut short
        seq = seq[:rnd.randrange(2, len(seq))]
    return seq


def make_pastes():
    """A few paste buffers: plain text, long CJK, hostile mixtures."""
    files = []
    samples = [
        "最低生活保障" * 80,
        "".join(rnd.choice(TEXT) for _ in range(3000)),
        "zuidishenghuobaozhang " * 200,
    ]
    for i, s in enumerate(samples):
        files.append(s.encode())
    mixed = bytearray()
    while len(mixed) < 8000:
        mixed += rnd.choice([rnd.choice(TEXT).encode(), rnd.choice(INVALID),
                             rnd.choice(JUNK), mouse()])
    files.append(bytes(mixed))
    paths = []
    for i, data in enumerate(files):
        path = os.path.join(a.work, "paste%d" % i)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths


PASTES = make_pastes()
deck = []
stats = {"resizes": 0, "tiny": 0, "pastes": 0, "invalid": 0, "mouse": 0}


def next_size():
    global deck
    if not deck:
        deck = SIZES[:]
        rnd.shuffle(deck)
    return deck.pop()


last_resize = 0.0       # when a resize was last asked of tmux
TTY = subprocess.run(["tmux", "-L", a.socket, "display", "-p", "-t", "t",
                      "#{pane_tty}"], capture_output=True,
                     text=True).stdout.strip()


def tty_size():
    """(cols, rows) of the pane's terminal as the kiosk sees it."""
    try:
        fd = os.open(TTY, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        rows, cols = struct.unpack("HHHH", fcntl.ioctl(
            fd, termios.TIOCGWINSZ, b"\0" * 8))[:2]
        return cols, rows
    finally:
        os.close(fd)


def normal_size():
    """80x24 again before a checkpoint. tmux passes resizes on to the
    terminal on a 250 ms timer, after keys sent later, and when they end
    at the size they started from it passes an intermediate one first; a
    kiosk that thinks its window too small drops keys. So: until the
    terminal itself (the kernel signals the kiosk as it changes) has been
    80x24 for two of tmux's ticks since the last resize was asked, or
    until it has 80x24 again after this asked for it."""
    global last_resize
    t = time.monotonic()
    end = t + a.wait
    asked = 0.0
    tm.flush()
    while time.monotonic() < end:
        now = time.monotonic()
        got = tty_size()
        if got is None:
            break
        if got != (80, 24):
            if now - asked > 1.0:
                tm.add("resize-window", "-t", "t", "-x", "80", "-y", "24")
                tm.flush()
                asked = last_resize = now
        elif asked or now - last_resize > 0.6:
            # Seen otherwise since it was asked: this is the last one.
            break
        time.sleep(0.01)
    counts["resize_ms"] += int((time.monotonic() - t) * 1000)


def event(resizes=True):
    """Add one random event to the tmux batch."""
    global last_resize
    r = rnd.random()
    if r >= 0.95 and not resizes:
        r = rnd.random() * 0.95
    if r < 0.36:
        tm.keys(rnd.choice(NAMED))
    elif r < 0.40:
        tm.keys(rnd.choice(LEAVING))
    elif r < 0.62:
        tm.text("".join(rnd.choice(TEXT) for _ in range(rnd.randrange(1, 6))))
    elif r < 0.76:
        tm.raw(mouse())
        stats["mouse"] += 1
    elif r < 0.86:
        tm.raw(rnd.choice(INVALID))
        stats["invalid"] += 1
    elif r < 0.93:
        tm.raw(rnd.choice(JUNK))
    elif r < 0.95:
        tm.add("load-buffer", "-b", "soak", rnd.choice(PASTES))
        tm.add("paste-buffer", "-b", "soak", "-t", "t")
        stats["pastes"] += 1
    else:
        w, h = next_size()
        tm.add("resize-window", "-t", "t", "-x", str(w), "-y", str(h))
        last_resize = time.monotonic()
        stats["resizes"] += 1
        stats["tiny"] += (w, h) == (1, 1)


# ------------------------------------------------------------- waiting ----
def wait_for(text, resend=None, limit=None):
    """Until text is on screen; resend() now and then (a key may have been
    swallowed by a broken sequence sent before it). False if it never
    comes within the liveness bound."""
    start = time.monotonic()
    limit = a.wait if limit is None else limit
    try:
        return _wait_for(text, resend, limit, start)
    finally:
        counts["wait_ms"] += int((time.monotonic() - start) * 1000)


def _wait_for(text, resend, limit, start):
    next_resend = 1.0
    while True:
        if text in screen():
            return True
        now = time.monotonic() - start
        if now > limit or not alive():
            return False
        if resend is not None and now > next_resend:
            counts["resends"] += 1
            resent.append(text)
            if os.environ.get("SOAK_DEBUG"):
                with open(os.environ["SOAK_DEBUG"], "a") as f:
                    f.write("=== %s after %.1f s\n%s" % (text, now, screen()))
            resend()
            next_resend = now * 2
        time.sleep(0.01)


# Sent before F12: a mouse report or a character cut short by the batch
# before takes the next bytes as its own, and these are harmless to lose.
FLUSH = ["Escape", "Escape", "Escape", "Escape"]
token_n = 0
counts = {"checkpoints": 0, "resends": 0, "lost": 0, "arrived": 0,
          "missed": 0, "wait_ms": 0, "resize_ms": 0,
          "checkpoint_ms": 0, "drive_ms": 0}
resent = []
samples = []      # (events sent, RSS kB)


def checkpoint(sent):
    """Prove everything sent so far was handled: a new visitor, a search
    for a token never typed before, the token on the search line."""
    global token_n
    token_n += 1
    token = "soak%d" % token_n

    normal_size()

    def send():
        tm.keys(*FLUSH, "F12", "/")
        tm.text(token)
        tm.flush()
    send()
    t = time.monotonic()
    ok = wait_for(msg("Search:") + " " + token, resend=send)
    counts["checkpoint_ms"] += int((time.monotonic() - t) * 1000)
    counts["checkpoints"] += 1
    if not ok:
        counts["lost"] += 1
    samples.append((sent, rss()))
    return ok


# ---------------------------------------------------------- the screens ----
PIN = list(a.pin)
# name: (path from a new visitor's home screen, marker, keys to favour)
MODEL = {
    "home": ([], a.home_marker, ["Enter", "t", "Right"]),
    "domain": (["2", "0", "Enter"], msg("Level:"), ["l", "j", "Enter"]),
    "publisher": (["2", "0", "Enter", "j"], msg("Show the items of:"),
                  ["Enter", "Down"]),
    "item": (["2", "0", "Enter", "Enter"], "公开内容", ["c", "p", "y", "n"]),
    "qr": (["2", "0", "Enter", "Enter", "c"], msg("Take this item home"), []),
    "preview": (["2", "0", "Enter", "Enter", "p"], msg("Print preview"),
                ["PPage", "NPage", "Enter"]),
    "pin": (["F10"], msg("Staff PIN to close the kiosk"), ["0", "1", "Enter"]),
    "staff": (["F9"] + PIN + ["Enter"], msg("Staff: catalogue refresh"),
              ["Space", "Enter", "y", "r", "Down"]),
    "help": (["?"], msg("Moving around"), ["NPage", "PPage"]),
    "hot": (["t"], msg("Chosen by the staff"), ["Enter", "Down"]),
    "search": (["/"], None, []),   # the marker is a token typed after /
}
visits = {name: 0 for name in MODEL}
visits["unavailable"] = 0


def unlock():
    """Random digits on the PIN screen lock it; staff can lift that."""
    subprocess.run([a.admin, "--config", a.config, "--catalogue",
                    a.catalogue, "pin", "--unlock"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def drive(name):
    """From anywhere (after a checkpoint), into the screen name."""
    path, marker, _ = MODEL[name]
    keys = path
    normal_size()
    if name == "staff":
        unlock()
    if name == "search":
        marker = msg("Search:") + " q%d" % token_n

    def send():
        tm.keys(*FLUSH, "F12", *keys)
        if name == "search":
            tm.text("q%d" % token_n)
        tm.flush()
    send()
    t = time.monotonic()
    arrived = wait_for(marker, resend=send)
    counts["drive_ms"] += int((time.monotonic() - t) * 1000)
    drive_ms[name] = drive_ms.get(name, 0) + int((time.monotonic() - t) * 1000)
    if arrived:
        counts["arrived"] += 1
        visits[name] += 1
        return True
    counts["missed"] += 1
    missed.append(name)
    return False


missed = []
drive_ms = {}


# --------------------------------------------------------------- churn ----
class Churn(threading.Thread):
    """The catalogue underneath: gone, corrupt, restored, new versions."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.rnd = random.Random(a.seed + 1)
        self.ops = {"vanish": 0, "corrupt": 0, "restore": 0, "import": 0,
                    "rollback": 0}
        self.crashed = []       # admin runs that died of a signal
        self.good = os.path.join(a.work, "good.db")
        shutil.copyfile(a.good, self.good)

    def place(self, data=None, src=None):
        """Put a file at the catalogue's path in one step (a new inode)."""
        tmp = a.catalogue + ".soak-tmp"
        if src is not None:
            shutil.copyfile(src, tmp)
        else:
            with open(tmp, "wb") as f:
                f.write(data)
        os.replace(tmp, a.catalogue)

    def restore(self):
        self.place(src=self.good)
        self.ops["restore"] += 1

    def admin(self, *args):
        r = subprocess.run([a.admin, "--config", a.config, "--catalogue",
                            a.catalogue] + list(args),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, errors="replace")
        if r.returncode < 0 or r.returncode >= 128:
            self.crashed.append("%s: %d %s" % (" ".join(args), r.returncode,
                                               r.stderr[-300:]))
        return r.returncode

    def step(self):
        r = self.rnd.random()
        if r < 0.25:
            try:
                os.unlink(a.catalogue)
            except FileNotFoundError:
                pass
            self.ops["vanish"] += 1
        elif r < 0.5:
            with open(self.good, "rb") as f:
                good = f.read()
            kind = self.rnd.randrange(4)
            if kind == 0:     # cut short
                data = good[:self.rnd.randrange(0, len(good))]
            elif kind == 1:   # pages of it overwritten
                data = bytearray(good)
                for _ in range(20):
                    at = self.rnd.randrange(0, len(data))
                    data[at:at + 512] = os.urandom(512)
                data = bytes(data[:len(good)])
            elif kind == 2:   # no database at all
                data = os.urandom(self.rnd.randrange(0, 65536))
            else:             # an empty file
                data = b""
            self.place(data=data)
            self.ops["corrupt"] += 1
        elif r < 0.75:
            self.restore()
        elif r < 0.92 and a.variant:
            # A new version, over a good live one (the drop check reads it).
            self.restore()
            if self.admin("import", "--quiet", "--yes", "--allow-drop",
                          self.rnd.choice(a.variant)) == 0:
                shutil.copyfile(a.catalogue, self.good)
                self.ops["import"] += 1
        else:
            self.restore()
            if self.admin("rollback") == 0:
                shutil.copyfile(a.catalogue, self.good)
                self.ops["rollback"] += 1

    def run(self):
        while not self.stop.is_set():
            self.step()
            self.stop.wait(self.rnd.uniform(0.05, 0.6))

    def finish(self):
        self.stop.set()
        self.join()
        self.restore()


# ----------------------------------------------------------------- run ----
t0 = time.monotonic()
sent = 0
results = {}

# 1. The catalogue is not there when the kiosk starts: the "unavailable"
# screen, where / once crashed the kiosk, with random events and / on it.
unavail = max(100, a.events // 50)
results["unavailable_shown"] = int(wait_for(msg("Trying again…")))
samples.append((0, rss()))
while sent < unavail and alive():
    n = min(rnd.randrange(20, 80), unavail - sent)
    for _ in range(n):
        if rnd.random() < 0.15:
            tm.keys("/")
        elif rnd.random() < 0.1:
            tm.raw(rnd.choice(INVALID[:4]))
        else:
            event()
    sent += n
    # Proof it handled them: the language switched round on that screen.
    tm.flush()
    normal_size()

    def again():
        tm.keys(*FLUSH, "F12", "F4", "F4")
        tm.flush()
    again()
    a1 = wait_for(msg("Trying again…", en), resend=again)
    tm.keys("F4")
    tm.flush()
    a2 = wait_for(msg("Trying again…"), resend=lambda: (again(), tm.keys("F4"),
                                                       tm.flush()))
    counts["checkpoints"] += 1
    if not (a1 and a2):
        counts["lost"] += 1
    visits["unavailable"] += 1
results["unavailable_alive"] = int(alive())
results["unavailable_seconds"] = "%.1f" % (time.monotonic() - t0)

# 2. The catalogue comes back: the kiosk tries again and shows home.
churn = Churn()
churn.restore()
results["unavailable_recovered"] = int(wait_for(a.home_marker,
                                                limit=a.wait + 10))
churn.start()

# 3. Every screen, in a random order each round, and random events there.
warm_at = sent + int((a.events - sent) * a.warmup)
names = []
lost_row = 0
while sent < a.events and alive():
    if not names:
        names = list(MODEL)
        rnd.shuffle(names)
    name = names.pop()
    if checkpoint(sent):
        lost_row = 0
    else:
        lost_row += 1
        if lost_row >= 3 or not alive():
            break
    if not drive(name):
        continue
    # Up to 1,000 events a visit, fewer in a short run, so that even that
    # goes round every screen more than once.
    most = max(20, min(1000, a.events // 30))
    n = min(rnd.randrange(max(10, most // 10), most + 1), a.events - sent)
    favour = MODEL[name][2]
    # Resizes in some visits only: a checkpoint after one waits for tmux.
    resizes = rnd.random() < 0.4
    for _ in range(n):
        if favour and rnd.random() < 0.2:
            tm.keys(rnd.choice(favour))
        else:
            event(resizes)
    tm.flush()
    sent += n
checkpoint(sent)
elapsed = time.monotonic() - t0

# 4. The churn stops with a good catalogue; a new visitor gets home.
churn.finish()
normal_size()
tm.keys(*FLUSH, "F12")
tm.flush()
results["recovered_home"] = int(wait_for(
    a.home_marker, resend=lambda: (tm.keys("Escape", "F12"), tm.flush())))
samples.append((sent, rss()))

after = [r for s, r in samples if s >= warm_at and r > 0]
warm = after[0] if after else 0
# A leak lifts RSS a little in almost every interval, since every batch of
# events leaks again. The heap's high-water mark also lifts it, but in a few
# steps (a long result list, a new version switched in) after which it stays
# flat: glibc keeps the pages for reuse. So count the intervals after warm-up
# in which RSS rose, beside the rise in all.
rises = sum(1 for x, y in zip(after, after[1:]) if y > x)
results.update({
    "events": sent,
    "seconds": "%.1f" % elapsed,
    "rate": int(sent / elapsed) if elapsed > 0 else 0,
    "alive": int(alive()),
    "kiosk_cpu": "%.1f" % cpu(),
    # The whole soak's CPU: the kiosk, this script, tmux clients and the
    # churn's chayue-admin runs (the tmux server's own is left out).
    "cpu_total": "%.1f" % (cpu() + sum(
        r.ru_utime + r.ru_stime for r in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN)))),
    "rss_start": samples[0][1],
    "rss_warm": warm,
    "rss_end": samples[-1][1],
    "rss_max": max(r for s, r in samples),
    "rss_growth": (max(after) - warm) if after else -1,
    "rss_rise": (after[-1] - after[0]) if after else -1,
    "rss_rises": rises,
    "rss_intervals": max(len(after) - 1, 0),
    "rss_samples": len(after),
    "tmux_runs": tm.runs,
    "churn_crashed": len(churn.crashed),
    "seed": a.seed,
})
results.update(counts)
results.update(stats)
for name, n in visits.items():
    results["visits_" + name] = n
for op, n in churn.ops.items():
    results["churn_" + op] = n
with open(os.path.join(a.work, "rss"), "w") as f:
    for s, r in samples:
        f.write("%d %d\n" % (s, r))
for k, v in results.items():
    print(k, v)
for c in churn.crashed[:5]:
    print("crash", c.replace("\n", " | "))
print("drive_ms_by_screen", " ".join("%s:%d" % kv for kv in drive_ms.items()))
if resent:
    print("resent", " | ".join(resent[:10]))
if missed:
    print("missed_screens", " ".join(missed[:20]))
