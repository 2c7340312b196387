/* yibao.c - the yibao command's entry point; the dispatch is cli_main() in main.c. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
