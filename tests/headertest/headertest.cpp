// vnsearch.h compiles and links as C++.
#include "vnsearch.h"

#include <cstdio>

int main()
{
    vns_analyzer *an = nullptr;
    if (vns_analyzer_new(&an) != VNS_OK)
        return 1;
    std::printf("%s\n", vns_version_string());
    vns_analyzer_free(an);
    return 0;
}
