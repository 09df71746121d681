/*
 * The hall the kiosk stands in: the notice staff keep in a text file
 * (opening hours, where the 依申请公开 desk is), read at start and again
 * for every new visitor, so an edit shows without a restart.
 */
#ifndef CHAYUE_HALL_H
#define CHAYUE_HALL_H

/* A notice file larger than this is not shown (it is for one screen). */
#define HALL_NOTICE_MAX	(16 * 1024)

/*
 * The text of the notice file at path, sanitised for the terminal with
 * its line breaks kept and trailing blank lines dropped; NULL if path is
 * NULL, or the file is missing, unreadable, not a regular file, too big
 * or empty. Problems are logged, never fatal. Caller frees.
 */
char *hall_notice_read(const char *path);

#endif
