#include "longjing/version.h"

namespace longjing {

const char* version() { return LONGJING_VERSION; }

}  // namespace longjing
