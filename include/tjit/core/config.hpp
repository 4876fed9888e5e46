// tjit/core/config.hpp — how the library's non-template definitions are compiled.
//
// Kernels are compiled once per program, not once per translation unit (a TU that includes every
// kernel for every dtype takes minutes). So public headers declare; the definitions live in
// `detail/*_impl.hpp` files that one translation unit of the program compiles by including
// "tjit/implementation.hpp". Define TJIT_HEADER_ONLY (before any tjit include, in every TU) to
// get every definition inline in every TU instead: no extra TU, slower builds.
#pragma once

#ifdef TJIT_HEADER_ONLY
#define TJIT_DEF inline
#else
#define TJIT_DEF
#endif
