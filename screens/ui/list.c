#include <config.h>

#include <curses.h>
#include <time.h>

#include "screens/ui/list.h"
#include "screens/ui/ui.h"

static int
list_can_select(const struct list *l, size_t i)
{
	return i < l->n && (l->selectable == NULL || l->selectable(l->ctx, i));
}

/* Keep sel inside the view, moving the view. */
static void
list_show_sel(struct list *l)
{
	size_t h = (size_t)l->height;

	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* Show the heading just above the first item of a group. */
	if (l->top > 0 && l->top == l->sel && !list_can_select(l, l->top - 1) &&
	    l->selectable != NULL)
		l->top--;
	if (l->n <= h)
		l->top = 0;
	else if (l->top > l->n - h)
		l->top = l->n - h;
}

void
list_init(struct list *l, size_t n, int (*selectable)(const void *, size_t),
    const void *ctx)
{
	l->n = n;
	l->sel = 0;
	l->top = 0;
	if (l->height < 1)
		l->height = 1;
	l->selectable = selectable;
	l->ctx = ctx;
	list_select(l, 0);
}

void
list_set_height(struct list *l, int height)
{
	l->height = height > 0 ? height : 1;
	list_show_sel(l);
}

/* Move to the nearest selectable row from i in direction dir (+1/-1). */
static int
list_find(const struct list *l, size_t i, int dir, size_t *out)
{
	for (;;) {
		if (list_can_select(l, i)) {
			*out = i;
			return 1;
		}
		if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= l->n))
			return 0;
		i += (size_t)(long)dir;
	}
}

void
list_select(struct list *l, size_t i)
{
	size_t found;

	if (l->n == 0)
		return;
	if (i >= l->n)
		i = l->n - 1;
	if (list_find(l, i, +1, &found) || list_find(l, i, -1, &found))
		l->sel = found;
	list_show_sel(l);
}

/* Move the selection by delta rows, stopping at the ends. */
static void
list_move(struct list *l, long delta)
{
	size_t found, target;
	int dir = delta < 0 ? -1 : +1;

	if (l->n == 0)
		return;
	if (delta < 0)
		target = (size_t)-delta > l->sel ? 0 : l->sel - (size_t)-delta;
	else
		target = l->sel + (size_t)delta >= l->n ? l->n - 1 :
		    l->sel + (size_t)delta;
	if (list_find(l, target, dir, &found) ||
	    list_find(l, target, -dir, &found))
		l->sel = found;
	list_show_sel(l);
}

int
list_key(struct list *l, int key)
{
	switch (key) {
	case SCREEN_KEY(KEY_UP):
		list_move(l, -1);
		break;
	case SCREEN_KEY(KEY_DOWN):
		list_move(l, +1);
		break;
	case SCREEN_KEY(KEY_PPAGE):
		list_move(l, -(long)l->height);
		break;
	case SCREEN_KEY(KEY_NPAGE):
	case ' ':
		list_move(l, l->height);
		break;
	case SCREEN_KEY(KEY_HOME):
		list_select(l, 0);
		break;
	case SCREEN_KEY(KEY_END):
		list_move(l, (long)l->n);
		break;
	default:
		return SCREEN_IGNORED;
	}
	return SCREEN_REDRAW;
}

void
list_scroll(struct list *l, int delta)
{
	size_t h = (size_t)l->height, top = l->top;

	if (l->n <= h)
		return;
	if (delta < 0)
		top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
	else
		top = top + (size_t)delta > l->n - h ? l->n - h : top + (size_t)delta;
	l->top = top;
	if (l->sel < top)
		list_select(l, top);
	else if (l->sel >= top + h)
		list_move(l, -(long)(l->sel - (top + h - 1)));
	l->top = top;
}

int
list_click(struct list *l, int r)
{
	size_t i;

	if (r < 0 || r >= l->height)
		return 0;
	i = l->top + (size_t)r;
	if (!list_can_select(l, i))
		return 0;
	l->sel = i;
	return 1;
}

int
list_mouse(struct list *l, int y, int top, int rowh, enum screen_button button)
{
	if (button != SCREEN_CLICK) {
		list_scroll(l, button == SCREEN_WHEEL_UP ? -SCREEN_WHEEL_STEP :
		    SCREEN_WHEEL_STEP);
		return SCREEN_REDRAW;
	}
	/* Above the list, (y - top) / rowh would round up to row 0. */
	if (y >= top && rowh > 0 && list_click(l, (y - top) / rowh))
		return LIST_PICKED;
	return SCREEN_HANDLED;
}

unsigned
typed_number_add(struct typed_number *t, int digit, size_t max)
{
	struct timespec ts;
	long long now;
	unsigned long n;

	/* Monotonic: setting the wall clock must not join two numbers. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	n = t->when != 0 && now - t->when <= TYPED_NUMBER_PAUSE_MS ?
	    t->value * 10UL + (unsigned)digit : (unsigned)digit;
	if (n == 0 || n > max)
		n = (unsigned)digit;
	t->when = now;
	t->value = (unsigned)n;
	return n >= 1 && n <= max ? (unsigned)n : 0;
}
