/* vnsearch.h alone compiles as strict C99 (and, from headertest.cpp, as
 * C++): built by ctest with -std=c99 -pedantic -Wall -Wextra -Werror. */
#include "vnsearch.h"

int main(void)
{
    vns_token token = {0};
    (void)token;
    return vns_strerror(VNS_OK) == 0;
}
