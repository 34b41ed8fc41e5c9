#pragma once

#include "wizards/common/CertificateCheck.h"
#include "wizards/common/SetupState.h"

#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace tegami {

class TegamiWizard;

// Where the TLS certificate comes from (generate a self-signed one, import PEM or PKCS#12,
// and in the certificate wizard create a request for an authority or complete one), and,
// before it is assigned, whether it matches each listener's name, when it expires and
// whether mail programs trust it. A mismatch stops Next unless the admin ticks
// "certAssignAnyway". Nothing reaches the service here: the summary page applies it.
class CertificatePage : public QWizardPage {
    Q_OBJECT
public:
    explicit CertificatePage(bool withRequests, QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

    CertificateCheckView* checkView() const { return m_check; }
    // Reads the inputs into the wizard's CertificateChoice and shows the check; false with
    // the problem at its field.
    bool collect(bool showErrors);

private:
    TegamiWizard* tegamiWizard() const;
    QWidget* fileRow(const QString& objectName, QLineEdit** edit, const QString& filter);
    QList<NameCheck> listeners() const;
    CertificateChoice::Source source() const;
    void sourceChanged();

    bool m_withRequests = false;
    QButtonGroup* m_sources = nullptr;
    QStackedWidget* m_details = nullptr;
    QLineEdit* m_commonName = nullptr;
    QLineEdit* m_extraNames = nullptr;
    QSpinBox* m_validity = nullptr;
    QLineEdit* m_pemFile = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_pkcs12File = nullptr;
    QLineEdit* m_pkcs12Password = nullptr;
    QLineEdit* m_csrCommonName = nullptr;
    QLineEdit* m_csrOrganisation = nullptr;
    QLineEdit* m_csrCountry = nullptr;
    QComboBox* m_pending = nullptr;
    QLineEdit* m_answerFile = nullptr;
    QComboBox* m_assignTo = nullptr;
    QCheckBox* m_anyway = nullptr;
    QLabel* m_error = nullptr;
    CertificateCheckView* m_check = nullptr;
};

} // namespace tegami
