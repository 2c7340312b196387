#!/usr/bin/env bash
# A program that uses libyibao, built against the installed library as its users build it
# (docs/library.md): `cmake --install` into PREFIX, then docs/example built both ways — with
# pkg-config and with CMake's find_package(yibao) — and run. Its output must be exactly what the
# installed command prints for the same query; and the installed command itself runs, with
# yibao-net where it needs it.
#
#   install-test.sh BUILD_DIR SOURCE_DIR PREFIX [CC [FLAGS]]
#
# FLAGS are added to the compile and link of the example (the sanitizer flags of a sanitizer
# build, which its library needs). Prints "ok"/"not ok" per check and ends with
# "N passed, N failed"; exits 1 on any failure.
set -u
build=$1 src=$2 prefix=$3 cc=${4:-cc} flags=${5:-}

# shellcheck source=../check.sh
. "$(dirname "$0")/../check.sh"

rm -rf "$prefix"
check "cmake --install" cmake --install "$build" --prefix "$prefix"
check "the header, the library and both package files are installed" \
	test -f "$prefix/include/yibao.h" -a -n "$(find "$prefix" -name libyibao.a)" \
	-a -n "$(find "$prefix" -name yibao.pc)" -a -n "$(find "$prefix" -name yibaoConfig.cmake)"
check "the installed library has no test hook" \
	sh -c "! grep -q yb_mem_fail_after '$(find "$prefix" -name libyibao.a)'"

# The static command runs update, bundle and keygen in yibao-net, installed in libexec/yibao/.
if ! readelf -lW "$prefix/bin/yibao" | grep -q INTERP; then
	check "the static command's yibao-net is installed in libexec/yibao/" \
		test -x "$prefix/libexec/yibao/yibao-net"
fi
check "the installed command makes a key (keygen, which loads libcrypto)" \
	sh -c "'$prefix/bin/yibao' keygen -o '$prefix/test.key' >/dev/null && test -s '$prefix/test.key'"

# What the command brings for its users, where a Debian system looks for it.
check "the documentation and the licence are in share/doc/yibao/" \
	test -f "$prefix/share/doc/yibao/README.md" -a -f "$prefix/share/doc/yibao/copyright" \
	-a -f "$prefix/share/doc/yibao/docs/rules.md"
check "the completion scripts are where bash, zsh and fish look" \
	test -s "$prefix/share/bash-completion/completions/yibao" \
	-a -s "$prefix/share/zsh/vendor-completions/_yibao" \
	-a -s "$prefix/share/fish/vendor_completions.d/yibao.fish"
check "the installed bash completion is what the command prints for the shipped corpus" \
	sh -c "'$prefix/bin/yibao' completion bash --rules '$src/rules' |
	       cmp -s - '$prefix/share/bash-completion/completions/yibao'"
check "sourced in bash, the installed completion is registered for yibao" \
	bash -c ". '$prefix/share/bash-completion/completions/yibao' && complete -p yibao >/dev/null"
if [ -d "$build/man" ]; then # built where scdoc is installed
	check "the man pages are in share/man/man1 and man5" \
		test -n "$(find "$prefix/share/man/man1" -name 'yibao-transfer.1*')" \
		-a -n "$(find "$prefix/share/man/man5" -name 'yibao-rules.5*')"
	# man -l formats each installed page as man(1) will; a page that does not format, or
	# formats with a warning, fails.
	if command -v man >/dev/null; then
		for page in "$prefix"/share/man/man*/yibao*; do
			check "man -l $(basename "$page"): formats, without a warning" \
				sh -c "out=\$(MANWIDTH=80 man -l '$page' 2>&1 >/dev/null) && test -z \"\$out\""
		done
	fi
fi

query=(transfer --from changde --to changsha --type employee --date 2026-11-30 --format json)
"$prefix/bin/yibao" "${query[@]}" >"$prefix/expected.json"
check "the installed command answers" test -s "$prefix/expected.json"

# pkg-config, with nothing but the documented command.
pc_dir=$(dirname "$(find "$prefix" -name yibao.pc)")
# shellcheck disable=SC2086 # FLAGS and pkg-config's output are lists of flags
check "pkg-config: the example builds" \
	$cc $flags "$src/docs/example/example.c" \
	$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs yibao) -o "$prefix/example-pc"
check "pkg-config: the example prints the command's JSON" \
	sh -c "'$prefix/example-pc' | cmp -s - '$prefix/expected.json'"
# shellcheck disable=SC2086
check "pkg-config: the program that walks the answer builds" \
	$cc $flags "$src/docs/example/steps.c" \
	$(PKG_CONFIG_PATH=$pc_dir pkg-config --cflags --libs yibao) -o "$prefix/steps-pc"
check "pkg-config: it prints the route, the steps with their due dates, and the last due date" \
	sh -c "'$prefix/steps-pc' | cmp -s - '$src/docs/example/steps.expected'"

# find_package(yibao), with docs/example/CMakeLists.txt as it is.
check "find_package: the example configures" \
	cmake -S "$src/docs/example" -B "$prefix/example-build" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
	-DCMAKE_BUILD_TYPE=Debug --log-level=WARNING
check "find_package: the example builds" cmake --build "$prefix/example-build"
check "find_package: the example prints the command's JSON" \
	sh -c "'$prefix/example-build/example' | cmp -s - '$prefix/expected.json'"
check "find_package: the program that walks the answer prints the same" \
	sh -c "'$prefix/example-build/steps' | cmp -s - '$src/docs/example/steps.expected'"

summary
