#!/usr/bin/env bash
# noprint.sh LIBPRESSKIT_A: the library prints nothing and exits nothing, as cmark's does: no
# object of libpresskit.a refers to stdout, stderr, the printf family, puts or exit, but for the
# two that must. data/arena.c says "out of memory" on stderr before it aborts, and a batch's
# forked worker (reports/batch.c) ends with exit(0), its parent's atexit handlers then freeing
# what it inherited. Only main.c, which is not in the library, talks to the terminal.
set -u
lib=$1
command -v nm > /dev/null || { echo "skip - nm is not installed (binutils)"; exit 77; }
bad=0
banned='^(printf|vprintf|fprintf|vfprintf|dprintf|puts|fputs|putchar|fputc|putc|perror|psignal|fwrite|stdout|stderr|exit|_exit|_Exit|quick_exit|__printf_chk|__fprintf_chk|__vprintf_chk|__vfprintf_chk|__dprintf_chk)$'
while read -r obj sym; do
  case "$obj:$sym" in
    arena.c.o:fprintf | arena.c.o:__fprintf_chk | arena.c.o:stderr) continue ;; # out of memory, then abort
    batch.c.o:exit) continue ;;                                                   # a forked worker's end
  esac
  echo "FAIL: $obj refers to $sym"
  bad=$((bad + 1))
done < <(nm -A -u "$lib" | sed -E 's/^[^:]*:([^:]*):[[:space:]]*U[[:space:]]+([^@ ]+).*/\1 \2/' | grep -E " $(echo "$banned" | sed 's/^\^//; s/\$$//')\$" | sed 's/ (/ /')
objs=$(nm -A -u "$lib" | cut -d: -f2 | sort -u | wc -l)
[ "$objs" -ge 20 ] || { echo "FAIL: only $objs objects in $lib"; bad=$((bad + 1)); }
echo "$((bad == 0 ? 1 : 0)) passed, $bad failed ($objs objects checked)"
[ "$bad" -eq 0 ]
