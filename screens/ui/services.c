#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

int
ui_print_left(const struct ui_print *p)
{
	if (p->page_limit <= 0)
		return -1;
	return p->pages_used < p->page_limit ? p->page_limit - p->pages_used : 0;
}

int
ui_print_over_limit(struct ui *ui, const struct ui_print *p, size_t npages)
{
	int left = ui_print_left(p);

	if (left < 0 || npages <= (size_t)left)
		return 0;
	ui_status(ui, ngettext("This printout has %zu page; pages you may "
	    "still print now: %d.", "This printout has %zu pages; pages you "
	    "may still print now: %d.", npages), npages, left);
	return 1;
}

void
ui_import_result_done(struct ui_import_result *r)
{
	size_t	i;

	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	free(r->error);
	for (i = 0; i < r->diff.ndomains; i++)
		free(r->diff.domains[i].domain);
	free(r->diff.domains);
	import_summary_done(&r->sum);
	memset(r, 0, sizeof *r);
}
