/*
 * The keys every screen shares (help, back, home, large text, theme,
 * search, the staff screen, closing the kiosk): tried when the screen on
 * top ignores a key.
 */
#ifndef CHAYUE_KEYS_H
#define CHAYUE_KEYS_H

struct ui;

/* Set as ui->shared_key by the kiosk loop. */
void keys_shared(struct ui *ui, int key);

#endif
