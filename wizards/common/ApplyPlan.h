#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

class ServiceClient;

// Everything a wizard changes, as control API calls run in order at the end, each with the
// call that undoes it. When one fails, the calls already made are undone in reverse order,
// so the service is left as the wizard found it. Parameters may name a value an earlier call
// returned as "${name}" (e.g. the id of a generated certificate); `capture` stores it.
class ApplyPlan {
    Q_DECLARE_TR_FUNCTIONS(tegami::ApplyPlan)
public:
    struct Step {
        QString description; // "Add the domain example.com"
        QString method;
        QJsonObject params;
        QString undoMethod; // empty: nothing to undo
        QJsonObject undoParams;
        QString captureName; // store result[captureField] as ${captureName}
        QString captureField;
        QString advice; // what the admin can do when this step fails
    };

    struct Outcome {
        bool ok = false;
        int done = 0; // steps that succeeded (before any rollback)
        QString failedStep;
        QString error; // the service's words
        QString advice;
        QStringList undone; // descriptions of the undone steps
        QStringList undoProblems; // undo calls that failed, with their errors
        QHash<QString, QString> values;

        // A report for the admin: what failed, why, what was undone, what to do.
        QString report() const;
    };

    Step& add(Step step);
    const QList<Step>& steps() const { return m_steps; }
    bool isEmpty() const { return m_steps.isEmpty(); }
    QStringList descriptions() const;

    // Runs the steps (waiting for each answer with the event loop running); progress is
    // called before each step with its index.
    Outcome run(ServiceClient& client, const std::function<void(int, const QString&)>& progress = {}) const;

private:
    static QJsonObject substitute(const QJsonObject& params, const QHash<QString, QString>& values);

    QList<Step> m_steps;
};

} // namespace tegami
