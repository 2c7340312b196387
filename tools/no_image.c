/* The compiler's stand-in for the compiled corpus: no image yet, so read the YAML. */
#include "corpus.h"

const yb_corpus yb_corpus_image = {.image = false};
