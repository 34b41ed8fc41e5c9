#include "wizards/common/TegamiWizard.h"

#include "wizards/common/WizardCall.h"

#include <QAbstractButton>
#include <QHash>
#include <QJsonArray>
#include <QLabel>

#include "client/ServiceClient.h"

namespace tegami {

namespace {

QHash<QString, int>& portOverrides()
{
    static QHash<QString, int> overrides;
    return overrides;
}

QJsonArray bindingsOf(const QList<ListenerChoice>& listeners, const QString& protocol, bool tls)
{
    QJsonArray out;
    for (const ListenerChoice& l : listeners) {
        if (l.protocol == protocol && (l.security == QLatin1String("tls")) == tls)
            out.append(l.binding());
    }
    return out;
}

} // namespace

TegamiWizard::TegamiWizard(ServiceClient& client, QWidget* parent)
    : QWizard(parent)
    , m_client(client)
{
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    resize(820, 640);
    for (const QString& p : wizard::protocols()) {
        ProtocolChoice c;
        c.protocol = p;
        c.security = p == QLatin1String("smtp") || p == QLatin1String("submission") ? QStringLiteral("starttls")
                                                                                    : QStringLiteral("tls");
        c.loginType = p == QLatin1String("smtp") ? QStringLiteral("none")
            : p == QLatin1String("submission")   ? QStringLiteral("requireTls")
                                                 : QStringLiteral("secureLogin");
        m_protocols << c;
    }
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("commitButton"));
}

bool TegamiWizard::loadSnapshot()
{
    const RpcReply fields = callAndWait(m_client, QStringLiteral("config.get"));
    const RpcReply listeners = callAndWait(m_client, QStringLiteral("listener.list"));
    const RpcReply status = callAndWait(m_client, QStringLiteral("status"));
    const RpcReply certificates = callAndWait(m_client, QStringLiteral("cert.list"));
    for (const RpcReply* r : { &fields, &listeners, &status, &certificates }) {
        if (!r->ok) {
            m_loadError = r->describe();
            return false;
        }
    }
    m_snapshot.fields = fields.result.toArray();
    m_snapshot.listeners = listeners.result.toArray();
    m_snapshot.status = status.result.toObject();
    m_snapshot.certificates = certificates.result.toObject();
    for (ProtocolChoice& c : m_protocols) {
        c.enabled = m_snapshot.protocolEnabled(c.protocol);
        const QList<ListenerChoice> current = m_snapshot.configuredListeners(c.protocol);
        if (c.enabled && !current.isEmpty())
            c.security = current.first().security;
        if (c.protocol == QLatin1String("pop3") || c.protocol == QLatin1String("imap")) {
            const QString login = m_snapshot.value(c.protocol + QStringLiteral(".loginType")).toString();
            if (!login.isEmpty())
                c.loginType = login;
        } else if (c.protocol == QLatin1String("submission")) {
            c.loginType = m_snapshot.value(QStringLiteral("submission.requireTlsForAuth")).toBool(true)
                ? QStringLiteral("requireTls")
                : QStringLiteral("allowPlain");
        }
    }
    m_loadError.clear();
    snapshotLoaded();
    return true;
}

ProtocolChoice* TegamiWizard::protocolChoice(const QString& protocol)
{
    for (ProtocolChoice& c : m_protocols) {
        if (c.protocol == protocol)
            return &c;
    }
    return nullptr;
}

QStringList TegamiWizard::protocolsChanged() const
{
    QStringList out;
    for (const ProtocolChoice& c : m_protocols)
        out << c.protocol;
    return out;
}

QString TegamiWizard::plannedFqdn() const
{
    return m_snapshot.effectiveFqdn();
}

ApplyPlan::Outcome TegamiWizard::apply()
{
    if (m_dryRun) {
        m_outcome = {};
        m_outcome.ok = true;
        m_outcome.done = static_cast<int>(buildPlan().steps().size());
        return m_outcome;
    }
    const ApplyPlan plan = buildPlan();
    m_outcome = plan.run(m_client);
    if (m_outcome.ok)
        Q_EMIT applied();
    return m_outcome;
}

void TegamiWizard::addSettingStep(ApplyPlan& plan, const QString& description, const QString& key,
    const QJsonValue& value, const QString& advice) const
{
    const QJsonValue old = m_snapshot.value(key);
    if (old == value)
        return;
    ApplyPlan::Step s;
    s.description = description;
    s.method = QStringLiteral("config.set");
    s.params = { { QStringLiteral("key"), key }, { QStringLiteral("value"), value } };
    s.undoMethod = QStringLiteral("config.set");
    s.undoParams = { { QStringLiteral("key"), key }, { QStringLiteral("value"), old } };
    s.advice = advice;
    plan.add(s);
}

void TegamiWizard::addProtocolSteps(ApplyPlan& plan, bool withCertificate) const
{
    const QString portAdvice
        = tr("Go back to the ports page and choose a free port, or stop the program that holds it.");
    for (const ProtocolChoice& c : m_protocols) {
        if (!c.enabled)
            continue;
        const QString label = wizard::protocolLabel(c.protocol);
        const QJsonArray plain = bindingsOf(m_listeners, c.protocol, false);
        const QJsonArray tls = bindingsOf(m_listeners, c.protocol, true);
        const auto list = [](const QJsonArray& a) {
            QStringList out;
            for (const QJsonValue& v : a)
                out << v.toString();
            return out.join(QStringLiteral(", "));
        };
        addSettingStep(plan,
            tls.isEmpty() ? tr("%1: no implicit TLS listener").arg(label)
                          : tr("%1: implicit TLS on %2").arg(label, list(tls)),
            c.protocol + QStringLiteral(".tlsBindings"), tls, portAdvice);
        addSettingStep(plan,
            plain.isEmpty() ? tr("%1: no plain or STARTTLS listener").arg(label)
                            : tr("%1: plain or STARTTLS on %2").arg(label, list(plain)),
            c.protocol + QStringLiteral(".bindings"), plain, portAdvice);
        if (c.protocol == QLatin1String("pop3") || c.protocol == QLatin1String("imap")) {
            const QString login = c.security == QLatin1String("none") ? QStringLiteral("plainTextLogin") : c.loginType;
            addSettingStep(plan, tr("%1: login type %2").arg(label, wizard::loginTypeLabel(login)),
                c.protocol + QStringLiteral(".loginType"), login);
        } else if (c.protocol == QLatin1String("submission")) {
            const bool require = c.security != QLatin1String("none") && c.loginType == QLatin1String("requireTls");
            addSettingStep(plan, tr("%1: login type %2").arg(label, wizard::loginTypeLabel(c.loginType)),
                QStringLiteral("submission.requireTlsForAuth"), require);
        }
    }
    if (withCertificate)
        addCertificateSteps(plan);
    for (const ProtocolChoice& c : m_protocols) {
        const bool was = m_snapshot.protocolEnabled(c.protocol);
        if (c.enabled == was)
            continue;
        const QString label = wizard::protocolLabel(c.protocol);
        ApplyPlan::Step s;
        s.description = c.enabled ? tr("Enable %1").arg(label) : tr("Disable %1").arg(label);
        s.method = c.enabled ? QStringLiteral("protocol.enable") : QStringLiteral("protocol.disable");
        s.params = { { QStringLiteral("protocol"), c.protocol } };
        s.undoMethod = c.enabled ? QStringLiteral("protocol.disable") : QStringLiteral("protocol.enable");
        s.undoParams = s.params;
        s.advice = c.enabled ? portAdvice : QString();
        plan.add(s);
    }
}

void TegamiWizard::addCertificateSteps(ApplyPlan& plan) const
{
    const CertificateChoice& c = m_certificate;
    ApplyPlan::Step create;
    create.captureName = QStringLiteral("certId");
    create.captureField = QStringLiteral("id");
    create.undoMethod = QStringLiteral("cert.remove");
    create.undoParams = { { QStringLiteral("id"), QStringLiteral("${certId}") } };
    switch (c.source) {
    case CertificateChoice::Source::Keep:
    case CertificateChoice::Source::CreateCsr:
        return;
    case CertificateChoice::Source::Generate: {
        create.description = tr("Generate a self-signed certificate for %1").arg(c.commonName);
        create.method = QStringLiteral("cert.generate");
        create.params
            = { { QStringLiteral("commonName"), c.commonName }, { QStringLiteral("validityDays"), c.validityDays } };
        if (!c.extraNames.isEmpty())
            create.params.insert(QStringLiteral("sans"), QJsonArray::fromStringList(c.extraNames));
        create.advice = tr("Check the names (letters, digits, hyphens and dots only).");
        break;
    }
    case CertificateChoice::Source::ImportPem:
        create.description = tr("Import the certificate (PEM)");
        create.method = QStringLiteral("cert.import");
        create.params = { { QStringLiteral("pem"), QString::fromUtf8(c.pem) } };
        if (!c.key.isEmpty())
            create.params.insert(QStringLiteral("key"), QString::fromUtf8(c.key));
        if (!c.passphrase.isEmpty())
            create.params.insert(QStringLiteral("passphrase"), c.passphrase);
        create.advice = tr("Check that the file holds the certificate and its private key (or choose the key file), "
                           "and the key's passphrase.");
        break;
    case CertificateChoice::Source::ImportPkcs12:
        create.description = tr("Import the certificate (PKCS#12)");
        create.method = QStringLiteral("cert.import");
        create.params = { { QStringLiteral("pkcs12"), QString::fromLatin1(c.pkcs12.toBase64()) },
            { QStringLiteral("password"), c.passphrase } };
        create.advice = tr("Check the file's password; export it again with its private key if needed.");
        break;
    case CertificateChoice::Source::CompleteCsr:
        create.description = tr("Complete the certificate request with the authority's answer");
        create.method = QStringLiteral("cert.complete");
        create.params = { { QStringLiteral("pem"), QString::fromUtf8(c.pem) } };
        // Removing the certificate would lose the request's key; an unused certificate does no harm.
        create.undoMethod.clear();
        create.advice = tr("Use the certificate the authority issued for this request (PEM).");
        break;
    }
    plan.add(create);

    const QString key = c.assignTo == QLatin1String("default") ? QStringLiteral("tls.defaultCertificate")
                                                               : c.assignTo + QStringLiteral(".certificate");
    ApplyPlan::Step assign;
    assign.description = c.assignTo == QLatin1String("default")
        ? tr("Use the certificate for every protocol")
        : tr("Use the certificate for %1").arg(wizard::protocolLabel(c.assignTo));
    assign.method = QStringLiteral("cert.assign");
    assign.params = { { QStringLiteral("id"), QStringLiteral("${certId}") }, { QStringLiteral("protocol"), c.assignTo },
        { QStringLiteral("force"), c.force } };
    assign.undoMethod = QStringLiteral("config.set");
    assign.undoParams = { { QStringLiteral("key"), key }, { QStringLiteral("value"), m_snapshot.value(key) } };
    assign.advice = tr("Make the listener names (server.fqdn, <protocol>.fqdn) match the certificate, or use a "
                       "certificate issued for them.");
    plan.add(assign);
}

int TegamiWizard::proposedPort(const QString& protocol, const QString& security)
{
    const QString key
        = protocol + QLatin1Char('/') + (security == QLatin1String("tls") ? security : QStringLiteral("plain"));
    return portOverrides().value(key, wizard::defaultPort(protocol, security));
}

void TegamiWizard::setPortOverride(const QString& protocol, const QString& security, int port)
{
    portOverrides().insert(
        protocol + QLatin1Char('/') + (security == QLatin1String("tls") ? security : QStringLiteral("plain")), port);
}

void TegamiWizard::clearPortOverrides()
{
    portOverrides().clear();
}

QLabel* createFieldError(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setStyleSheet(QStringLiteral("color: #b02020;"));
    label->hide();
    return label;
}

void showFieldError(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace tegami
