// The names Longjing's two programs run under, so that their messages, usage and examples
// name the commands a user can type: "indexer" and "searcher" in the build tree,
// "longjing-indexer" and "longjing-searcher" once installed (cmake --install, the .deb).
#pragma once

#include <string>
#include <string_view>

namespace longjing {

// The two programs' names.
struct ProgramNames {
  std::string indexer = "indexer";
  std::string searcher = "searcher";
};

// The names, from the argv[0] of `program` ("indexer" or "searcher"): the basename's prefix
// before the program's name (as in "longjing-searcher") is shared by both. An argv[0] that names
// neither program (a symlink called "ljs") keeps its basename for that program and the build tree's
// name for the other; an empty one gives the build tree's names.
ProgramNames program_names(std::string_view argv0, std::string_view program);

// `text` with every "{indexer}" and "{searcher}" replaced by the names in `names`.
std::string with_program_names(std::string_view text, const ProgramNames& names);

}  // namespace longjing
