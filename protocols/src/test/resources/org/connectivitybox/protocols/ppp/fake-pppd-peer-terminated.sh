# A fake pppd 2.4.9 for PppdLinkTest: the link comes up, then the NAP ends the session with an
# LCP Terminate-Request; pppd exits 16 once the modem hangs up too.
cat >/dev/null
cat >&2 <<LOG
pppd 2.4.9 started by root, uid 0
Using interface ppp0
Connect: ppp0 <--> $1
PAP authentication succeeded
local  IP address 10.0.2.15
remote IP address 10.0.2.2
LOG
sleep 0.2
cat >&2 <<LOG
LCP terminated by peer (session closed by NAP)
Connect time 0.1 minutes.
Sent 310 bytes, received 297 bytes.
Connection terminated.
Exit.
LOG
exit 0
