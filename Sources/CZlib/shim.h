// The platform's zlib (Debian: zlib1g-dev), for the DEFLATE streams inside .xlsx workbooks.
#include <zlib.h>
