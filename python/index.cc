// longjing.index(): indexes files into a database as the indexer does, with the GIL
// released; Ctrl-C (KeyboardInterrupt) commits what is done, as the indexer's SIGINT does.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bindings.h"
#include "longjing/database_path.h"
#include "longjing/indexing.h"

namespace py = pybind11;

namespace longjing::python {
namespace {

// Runs one indexing in a thread of its own while the calling thread, holding the GIL only
// for that, checks every 100 ms for a signal Python must handle (KeyboardInterrupt).
IndexReport run_interruptible(IndexOptions options) {
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  std::future<IndexReport> done;
  {
    py::gil_scoped_release release;
    done = std::async(std::launch::async, [&options] { return index_paths(options, {}); });
  }
  while (true) {
    {
      py::gil_scoped_release release;
      if (done.wait_for(std::chrono::milliseconds(100)) == std::future_status::ready) break;
    }
    if (PyErr_CheckSignals() != 0) {  // a handler raised (KeyboardInterrupt)
      cancel = true;
      {
        py::gil_scoped_release release;
        done.wait();  // the run commits what it has done and returns
      }
      try {
        done.get();
      } catch (...) {  // the interruption is what the caller hears of
      }
      throw py::error_already_set();
    }
  }
  py::gil_scoped_release release;
  return done.get();
}

// The PDF reader process of the install or build tree this module belongs to
// (ReadLimits::pdf_reader): PREFIX/libexec/longjing from PREFIX/lib/python3.X/site-packages
// (or Debian's lib/python3/dist-packages), bin/ beside the build tree's python/; "" when
// neither exists, and PDFs are read in this process.
std::string pdf_reader_beside_module() {
  // Looked up on first use: while the module initializes, it has no __file__ yet.
  const py::object module = py::module_::import("longjing");
  if (!py::hasattr(module, "__file__")) return "";
  const std::filesystem::path here =
      std::filesystem::path(module.attr("__file__").cast<std::string>()).parent_path();
  for (const std::filesystem::path& candidate :
       {here / "../../../libexec/longjing/longjing-read-pdf", here / "../bin/longjing-read-pdf"}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal().string();
  }
  return "";
}

}  // namespace

void define_index(py::module_& m) {
  py::class_<FileProblem>(m, "Problem",
                          "A file that was skipped, or indexed with a caveat (skipped=False).")
      .def_property_readonly("path", [](const FileProblem& p) { return fs_str(p.path); })
      .def_readonly("reason", &FileProblem::reason)
      .def_readonly("skipped", &FileProblem::skipped)
      .def("__repr__", [](const FileProblem& p) {
        return "Problem(" + py::repr(fs_str(p.path)).cast<std::string>() + ", " +
               py::repr(py::str(p.reason)).cast<std::string>() + ")";
      });

  py::class_<IndexReport>(
      m, "IndexSummary",
      "What one longjing.index() run did: the counts the indexer prints, and every problem.")
      .def_readonly("added", &IndexReport::added)
      .def_readonly("updated", &IndexReport::updated)
      .def_readonly("deleted", &IndexReport::deleted)
      .def_readonly("unchanged", &IndexReport::unchanged)
      .def_readonly("skipped", &IndexReport::skipped)
      .def_readonly("documents", &IndexReport::documents)
      .def_readonly("problems", &IndexReport::problems)
      .def("__repr__", [](const IndexReport& r) {
        return "IndexSummary(added=" + std::to_string(r.added) +
               ", updated=" + std::to_string(r.updated) + ", deleted=" + std::to_string(r.deleted) +
               ", unchanged=" + std::to_string(r.unchanged) +
               ", skipped=" + std::to_string(r.skipped) + ")";
      });

  m.def(
      "index",
      [](const py::object& db_path, const py::object& paths, bool rebuild,
         const std::optional<std::vector<std::string>>& exclude,
         const std::optional<std::uint64_t>& max_file_size, unsigned shards, unsigned jobs,
         bool dry_run, double lock_timeout) {
        IndexOptions options;
        options.database = resolve_database_path(db_path.is_none() ? "" : fs_path(db_path));
        if (py::isinstance<py::str>(paths) || py::isinstance<py::bytes>(paths) ||
            py::hasattr(paths, "__fspath__")) {
          options.paths.push_back(fs_path(paths));
        } else {
          for (const py::handle& p : paths) options.paths.push_back(fs_path(p));
        }
        options.rebuild = rebuild;
        options.exclude = exclude;
        options.max_file_size = max_file_size;
        options.shards = shards;
        options.jobs = jobs;
        options.dry_run = dry_run;
        options.lock_timeout =
            std::chrono::milliseconds(static_cast<long long>(lock_timeout * 1000));
        static const std::string pdf_reader = pdf_reader_beside_module();
        options.read_limits.pdf_reader = pdf_reader;
        return run_interruptible(std::move(options));
      },
      "Indexes files and directories (a path or a list) into the database at db_path (None: the "
      "default database), as the indexer does: new and changed files are indexed, deleted ones "
      "removed. Keyword options are the indexer's flags: rebuild, exclude (globs), max_file_size "
      "(bytes; exclude and max_file_size left None are what each root was last indexed with), "
      "shards, jobs, dry_run, lock_timeout (seconds). Returns an IndexSummary; files "
      "that could not be indexed are in its problems. Raises DatabaseError (locked, damaged), "
      "IoError (a path that does not exist).",
      py::arg("db_path"), py::arg("paths"), py::kw_only(), py::arg("rebuild") = false,
      py::arg("exclude") = py::none(), py::arg("max_file_size") = py::none(),
      py::arg("shards") = 0u, py::arg("jobs") = 0u, py::arg("dry_run") = false,
      py::arg("lock_timeout") = 10.0);
}

}  // namespace longjing::python
