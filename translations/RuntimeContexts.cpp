// Scanned by lupdate only, never compiled into the program.
//
// tr() in a class without Q_OBJECT looks its text up under the nearest base class that has
// Q_OBJECT, while lupdate files it under the class's own name (and warns "lacks Q_OBJECT
// macro"); the text then shows in English. Until such a class gets Q_OBJECT or calls
// Base::tr(), its texts are listed here under the context the program asks for.
#include <QtGlobal>

// None at the moment; an entry looks like
//     QT_TRANSLATE_NOOP("tegami::DonePage", "&Copy"),
[[maybe_unused]] static const char* const runtimeContextStrings[] = {
    nullptr,
};
