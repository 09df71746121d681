"""Drive a kiosk in tmux with random keys, mouse reports (well-formed and
broken), escape junk and resizes. Used by soak.sh; prints nothing but a
summary line. Usage: soak.py SOCKET EVENTS SEED"""
import random
import subprocess
import sys
import time

sock, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
NAMED = ("Up Down Left Right Enter Escape BSpace Tab BTab Home End PPage "
         "NPage IC DC Space F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 C-c C-z "
         "C-\\ C-s C-q C-d C-a C-l C-u M-x M-q").split()
TEXT = "0123456789abcdefghijklmnopqrstuvwxyzQ?/h.,;'\"低保养老户籍戶籍ＡＢＣ２０２０〔〕"
SIZES = [(1, 1), (2, 1), (10, 3), (39, 11), (40, 12), (41, 13), (80, 24),
         (120, 40), (200, 60), (57, 19)]


def tmux(*args):
    subprocess.run(["tmux", "-L", sock] + list(args), check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def mouse():
    b = rnd.choice([0, 0, 0, 3, 64, 65, 1, 2, 96])
    x, y = rnd.randrange(0, 94), rnd.randrange(0, 94)
    seq = "\033[M" + chr(32 + b) + chr(33 + x) + chr(33 + y)
    if rnd.random() < 0.2:           # cut short, as a broken terminal might
        seq = seq[:rnd.randrange(3, 6)]
    return seq


def junk():
    return rnd.choice(["\033[", "\033[99999;99999H", "\033O", "\033]0;x\007",
                       "\033[<0;5;5M", "\033[2J", "\033[6n", "\033P+q\033\\",
                       "\033[1;2;3;4;5;6;7;8;9;10;11;12;13A", "\033\033\033"])


def send_batch(n):
    names, sent = [], 0
    while sent < n:
        r = rnd.random()
        if r < 0.45:
            names.append(rnd.choice(NAMED))
        else:
            if names:
                tmux("send-keys", "-t", "t", *names)
                names = []
            if r < 0.75:
                s = "".join(rnd.choice(TEXT) for _ in range(rnd.randrange(1, 6)))
            elif r < 0.9:
                s = mouse()
            else:
                s = junk()
            tmux("send-keys", "-t", "t", "-l", "--", s)
        sent += 1
    if names:
        tmux("send-keys", "-t", "t", *names)


def query(fmt):
    return subprocess.run(["tmux", "-L", sock, "display", "-p", "-t", "t", fmt],
                          capture_output=True, text=True).stdout.strip()


def alive():
    """chayue still runs in the pane (the shell that started it waits)."""
    pane = query("#{pane_pid}")
    return query("#{pane_dead}") == "0" and pane != "" and subprocess.run(
        ["pgrep", "-P", pane, "-x", "chayue"],
        stdout=subprocess.DEVNULL).returncode == 0


def drawn():
    """The pane shows something within 3 s: a screen, or the too-small
    notice (the kiosk may still be working through the last batch)."""
    for _ in range(30):
        out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t",
                              "t"], capture_output=True, text=True).stdout
        if out.strip() != "":
            return True
        time.sleep(0.1)
    return False


# Resizes take the sizes from a shuffled deck, so that every size, 1x1
# included, comes up in every run long enough to go through the deck.
events = resizes = tiny = checks = dead = blank = batches = 0
deck = []
while events < count:
    n = min(rnd.randrange(20, 80), count - events)
    send_batch(n)
    events += n
    batches += 1
    if batches % 10 == 0:
        if not deck:
            deck = SIZES[:]
            rnd.shuffle(deck)
        w, h = deck.pop()
        tmux("resize-window", "-t", "t", "-x", str(w), "-y", str(h))
        resizes += 1
        tiny += (w, h) == (1, 1)
        # Now and then: still running, and drawing at a usable size.
        time.sleep(0.3)
        checks += 1
        dead += not alive()
        if w >= 40 and h >= 12:
            blank += not drawn()
    time.sleep(0.01)
print(f"{events} events, {resizes} resizes ({tiny} to 1x1), {checks} checks: "
      f"{dead} not running, {blank} blank, seed {seed}")
