// The product's version, from the build.
#pragma once

namespace longjing {

// "0.1.0"-style version of this build.
const char* version();

}  // namespace longjing
