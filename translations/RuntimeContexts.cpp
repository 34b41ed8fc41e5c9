// Scanned by lupdate only, never compiled into the program.
//
// tr() in a class without Q_OBJECT looks its text up under the nearest base class that has
// Q_OBJECT, while lupdate files it under the class's own name (and warns "lacks Q_OBJECT
// macro"); the text then shows in English. Until such a class gets Q_OBJECT or calls
// Base::tr(), its texts are listed here under the context the program asks for.
// TODO(tegami): wizards/certificate/CertificateWizard.cpp, CertificateDonePage: call DonePage::tr() (or
// give it Q_OBJECT), then delete these lines.
#include <QtGlobal>

[[maybe_unused]] static const char* const runtimeContextStrings[] = {
    QT_TRANSLATE_NOOP("tegami::DonePage", "&Copy"),
    QT_TRANSLATE_NOOP("tegami::DonePage", "&Save as..."),
    QT_TRANSLATE_NOOP("tegami::DonePage", "Save the request"),
    QT_TRANSLATE_NOOP("tegami::DonePage", "Requests (*.csr *.pem)"),
    QT_TRANSLATE_NOOP("tegami::DonePage",
        "The certificate is in use. Mail programs see it on their next connection; nothing had to restart."),
    QT_TRANSLATE_NOOP("tegami::DonePage",
        "Send this request to your certificate authority. When it answers, run this wizard again and choose "
        "\"Complete a request\". The private key stays on the server."),
};
