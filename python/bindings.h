// The Python module `longjing` (pybind11): what each part of it declares on the module.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

namespace longjing::python {

// A path argument (str, bytes or os.PathLike) as the bytes the file system uses: a str is
// encoded as os.fsencode does, so names that are not UTF-8 survive the round trip.
std::string fs_path(const pybind11::handle& path);

// Bytes of a path as Python's str for file names (os.fsdecode: undecodable bytes become
// surrogates that open() turns back into the same bytes).
pybind11::str fs_str(const std::string& path);

// longjing.Error and its subclasses QueryError, DatabaseError, IoError, translated from the
// library's exceptions of the same names.
void define_errors(pybind11::module_& m);

// longjing.Database and the classes of what it returns (Hit, Snippet, Highlight, Results).
void define_search(pybind11::module_& m);

// longjing.index() and its IndexSummary, Problem.
void define_index(pybind11::module_& m);

}  // namespace longjing::python
