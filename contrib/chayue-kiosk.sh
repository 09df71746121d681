#!/bin/sh
# Login shell of the kiosk user (see getty-autologin.conf): chayue again
# and again, so that no exit ever leaves a shell on the screen. Staff who
# close the kiosk with the PIN get it back a few seconds later; to stop it
# for maintenance, log in on another console and stop getty@tty1.
trap '' INT QUIT TSTP
while :; do
	/usr/bin/chayue --kiosk --config /etc/chayue.conf
	sleep 2
done
