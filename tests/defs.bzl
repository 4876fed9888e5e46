"""tjit_test: a doctest suite against the library."""

def tjit_test(name, srcs, deps = [], data = [], **kwargs):
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = deps + ["//:tjit", "//tests:doctest_main", "@doctest"],
        data = data,
        **kwargs
    )
