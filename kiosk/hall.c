#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/import/readfile.h"
#include "i18n/text.h"
#include "kiosk/hall.h"
#include "kiosk/log.h"

char *
hall_notice_read(const char *path)
{
	struct readfile		 rf;
	enum readfile_status	 st;
	char			*text;
	size_t			 len;

	if (path == NULL)
		return NULL;
	st = readfile(path, HALL_NOTICE_MAX, NULL, &rf);
	switch (st) {
	case READFILE_OK:
		break;
	case READFILE_TOO_BIG:
	case READFILE_GREW:
		log_event(LOG_WARNING, "notice_file %s: larger than %d bytes; "
		    "not shown", path, HALL_NOTICE_MAX);
		break;
	case READFILE_NOT_REGULAR:
		log_event(LOG_WARNING, "notice_file %s: not a regular file "
		    "(%s); not shown", path, rf.kind);
		break;
	default:
		log_event(LOG_WARNING, "notice_file %s: cannot read it: %s; "
		    "not shown", path, strerror(rf.err));
		break;
	}
	if (st != READFILE_OK) {
		readfile_done(&rf);
		return NULL;
	}
	/* The file is staff's, but shown as all text is: sanitised. */
	text = text_sanitise(rf.buf, rf.len, 1);
	readfile_done(&rf);
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (len == 0) {
		free(text);
		return NULL;
	}
	return text;
}
