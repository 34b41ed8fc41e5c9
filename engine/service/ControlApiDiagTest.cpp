#include "service/ControlApi.h"

namespace tegami {

// TODO(tegami): the methods of this area are being written (see the open issues).
void registerDiagTestMethods(ControlServer&, Engine&) { }

} // namespace tegami
