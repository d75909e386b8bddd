# A fake pppd 2.4.9 for PppdLinkTest: the NAP refuses the PAP login (Authenticate-Nak with a
# message); pppd closes LCP and exits 19 (EXIT_AUTH_TOPEER_FAILED).
cat >/dev/null
cat >&2 <<LOG
pppd 2.4.9 started by root, uid 0
Using interface ppp0
Connect: ppp0 <--> $1
Remote message: Login incorrect
PAP authentication failed
Connection terminated.
Modem hangup
Exit.
LOG
exit 19
