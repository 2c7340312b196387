/* The compiler's stand-in for the compiled corpus: no image yet, so read the YAML. */
#include <stddef.h>

const unsigned char yb_embedded_image[1];
const size_t yb_embedded_image_size = 0;
