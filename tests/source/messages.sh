#!/bin/sh
# Every library message a person asking a question, batching or installing rules can meet is
# written in both languages (yb_fail, yb_fail_errno, yb_fail_because, yb_fail_at: src/error.h).
# Chinese-only messages (yb_err, yb_err_at) are for a corpus's own files, reported by the YAML
# readers; this lists any other file that uses them, and fails if there is one.
src=${1:?usage: messages.sh SOURCE_DIR}/src
found=$(grep -rn --include='*.c' -e 'yb_err(' -e 'yb_err_at(' "$src" |
	grep -v -e "^$src/error.c:" -e "^$src/yamlread.c:" -e "^$src/yamltree.c:")
if [ -n "$found" ]; then
	echo "Chinese-only messages outside the corpus readers (use yb_fail and an English format):"
	echo "$found"
	exit 1
fi
echo "every message outside the corpus readers has its English"
