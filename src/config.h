/*
 * config.h - the user's configuration and where yibao keeps installed corpora, by the XDG base
 * directory rules: $XDG_CONFIG_HOME/yibao/config.yaml (default ~/.config/yibao/config.yaml) and
 * $XDG_DATA_HOME/yibao/ (default ~/.local/share/yibao/).
 *
 *   url: https://example.org/yibao/rules.bundle   # where `yibao update` fetches from
 *   keys:                                        # more public keys to trust, 64 hex digits
 *     - 3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29
 */
#ifndef YB_CONFIG_H
#define YB_CONFIG_H

#include <stddef.h>

#include "yibao.h"

enum { YB_CONFIG_MAX_KEYS = 8 };

typedef struct yb_config {
	char url[1024];                       /* "" when not set */
	char keys[YB_CONFIG_MAX_KEYS][65];    /* hex public keys */
	size_t nkeys;
	char path[1024];                      /* the file read, or where it would be */
} yb_config;

/* Reads the configuration; a missing file is an empty configuration, a malformed one an
 * error (YB_EUSAGE) naming the file, line and column. */
yb_status yb_config_load(yb_config *cfg, yb_error *err);

/* The folder for installed corpora ($XDG_DATA_HOME/yibao); YB_EUSAGE when neither
 * XDG_DATA_HOME nor HOME is set. */
yb_status yb_data_dir(char *out, size_t size, yb_error *err);

#endif
