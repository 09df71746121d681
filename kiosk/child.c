/*
 * Worker children (child.h): fork, a pipe, and a clean start in the child.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/child.h"

/* The child's own start: default signals, stdio away from the terminal. */
static void
child_setup(void)
{
	int	null;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
}

pid_t
child_start(int *fd, void (*run)(int wfd, void *arg), void *arg)
{
	int	fds[2], saved;
	pid_t	pid;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	if ((pid = fork()) < 0) {
		saved = errno;
		close(fds[0]);
		close(fds[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_setup();
		run(fds[1], arg);
		_exit(1);	/* run must not return */
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	*fd = fds[0];
	return pid;
}

void
child_stop(pid_t pid, int fd, int sig)
{
	if (pid > 0) {
		kill(pid, sig);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			continue;
	}
	if (fd >= 0)
		close(fd);
}
