/*
 * Worker children of the kiosk. What may be slow, crash or run out of
 * memory (a print job, a staff import) runs in a child process that
 * reports on a pipe the main loop reads between keys, so that nothing it
 * does can freeze or kill the terminal.
 */
#ifndef CHAYUE_CHILD_H
#define CHAYUE_CHILD_H

#include <sys/types.h>

/*
 * Fork a child that runs run(wfd, arg), where wfd is the write end of its
 * report pipe, with standard input and output on /dev/null and the
 * kiosk's signal handlers back to the defaults; run must end with _exit,
 * since the kiosk's exit handlers are not the child's. *fd gets the read
 * end, non-blocking, close-on-exec; the caller closes it (child_stop).
 * Returns the child's pid, or -1 with errno set and nothing to close.
 */
pid_t child_start(int *fd, void (*run)(int wfd, void *arg), void *arg);

/*
 * Send sig to pid (if > 0) and reap it; close fd (if >= 0). SIGTERM lets
 * a print job's child leave the job queued; SIGKILL stops an import
 * whatever it is doing (its temporary version is discarded by the next).
 */
void child_stop(pid_t pid, int fd, int sig);

#endif
