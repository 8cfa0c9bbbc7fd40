// OpenBLAS (CBLAS interface) and LAPACKE, as packaged by Debian's libopenblas-dev and liblapacke-dev.
#ifndef TRADEABLE_CBLASLAPACK_SHIM_H
#define TRADEABLE_CBLASLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
