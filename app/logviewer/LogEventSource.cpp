#include "logviewer/LogEventSource.h"

// The interface has no code of its own; this unit hosts its moc output.
