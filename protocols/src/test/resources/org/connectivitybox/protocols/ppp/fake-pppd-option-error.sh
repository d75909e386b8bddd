# A fake pppd 2.4.9 for PppdLinkTest: the plugin is missing, pppd exits 2 (EXIT_OPTION_ERROR).
cat >/dev/null
echo "/usr/sbin/pppd: In file /etc/ppp/options: unrecognized option 'passwordfd'" >&2
exit 2
