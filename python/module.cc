// The Python module `longjing`: search and index Longjing databases from Python with the
// same answers as the searcher and indexer (docs/embedding.md).
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "longjing/error.h"
#include "longjing/version.h"

namespace py = pybind11;

namespace longjing::python {

std::string fs_path(const py::handle& path) {
  const py::object os = py::module_::import("os");
  const py::object raw = os.attr("fsencode")(path);
  return raw.cast<std::string>();
}

py::str fs_str(const std::string& path) {
  PyObject* s = PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size()));
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

void define_errors(py::module_& m) {
  // Kept for the life of the interpreter: the translator below raises them.
  static py::exception<Error> error(m, "Error");
  static py::exception<QueryError> query_error(m, "QueryError", error.ptr());
  static py::exception<DatabaseError> database_error(m, "DatabaseError", error.ptr());
  static py::exception<IoError> io_error(m, "IoError", error.ptr());
  error.doc() = "Base class of Longjing's errors; str(e) says what went wrong, naming the input.";
  query_error.doc() =
      "A query or search argument that cannot be read (malformed, no words, out of range).";
  database_error.doc() =
      "A database that is missing, damaged, locked, or of another schema version.";
  io_error.doc() = "A file or directory that cannot be read or written.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const QueryError& e) {
      PyErr_SetString(query_error.ptr(), e.what());
    } catch (const DatabaseError& e) {
      PyErr_SetString(database_error.ptr(), e.what());
    } catch (const IoError& e) {
      PyErr_SetString(io_error.ptr(), e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });
}

}  // namespace longjing::python

PYBIND11_MODULE(longjing, m) {
  m.doc() =
      "Longjing full-text search for English and Chinese articles: "
      "longjing.Database(path).search(query), longjing.index(db_path, paths).";
  m.attr("__version__") = longjing::version();
  longjing::python::define_errors(m);
  longjing::python::define_search(m);
  longjing::python::define_index(m);
}
