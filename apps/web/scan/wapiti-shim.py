# Debian's wapiti 3.0.4, with one fix: it compiles each --exclude pattern as `<pattern>\Z(?ms)`,
# and Python 3.11 refuses a global flag that is not at the start ("global flags not at the start
# of the expression"), so any --exclude crashes the crawl. The same patterns, flags first (as
# later wapiti releases do). Run as `python3 wapiti-shim.py <wapiti arguments>`.
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if char == "*" else re.escape(char) for char in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.exit(wapiti_main())
