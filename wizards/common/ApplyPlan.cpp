#include "wizards/common/ApplyPlan.h"

#include "wizards/common/WizardCall.h"

#include <QJsonArray>

#include "client/ServiceClient.h"

namespace tegami {

namespace {

// A call "succeeded" but a listener did not start (port taken, no privilege): for a wizard
// that is a failure, or the admin would be left with a half-working setup.
QString failedListeners(const QJsonValue& result)
{
    QStringList lines;
    for (const QJsonValue& v : result.toObject().value(QStringLiteral("failedListeners")).toArray()) {
        const QJsonObject l = v.toObject();
        if (l.isEmpty()) {
            lines << v.toString();
            continue;
        }
        lines << QStringLiteral("%1 %2:%3: %4")
                     .arg(l.value(QStringLiteral("protocol")).toString(), l.value(QStringLiteral("address")).toString())
                     .arg(l.value(QStringLiteral("port")).toInt())
                     .arg(l.value(QStringLiteral("error")).toString());
    }
    return lines.join(QStringLiteral("; "));
}

} // namespace

ApplyPlan::Step& ApplyPlan::add(Step step)
{
    m_steps << std::move(step);
    return m_steps.last();
}

QStringList ApplyPlan::descriptions() const
{
    QStringList out;
    for (const Step& s : m_steps)
        out << s.description;
    return out;
}

QJsonObject ApplyPlan::substitute(const QJsonObject& params, const QHash<QString, QString>& values)
{
    QJsonObject out = params;
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (!it->isString())
            continue;
        const QString text = it->toString();
        if (text.startsWith(QLatin1String("${")) && text.endsWith(QLatin1Char('}')))
            *it = values.value(text.mid(2, text.size() - 3));
    }
    return out;
}

ApplyPlan::Outcome ApplyPlan::run(ServiceClient& client, const std::function<void(int, const QString&)>& progress) const
{
    Outcome outcome;
    qsizetype i = 0;
    for (; i < m_steps.size(); ++i) {
        const Step& step = m_steps[i];
        if (progress)
            progress(static_cast<int>(i), step.description);
        const RpcReply reply = callAndWait(client, step.method, substitute(step.params, outcome.values));
        QString error = reply.ok ? failedListeners(reply.result) : reply.describe();
        if (!reply.ok && !reply.field.isEmpty())
            error = tr("%1 (%2)").arg(error, reply.field);
        if (!error.isEmpty()) {
            outcome.failedStep = step.description;
            outcome.error = error;
            outcome.advice = step.advice;
            // A step that failed only because a listener did not start did change the
            // setting: undo it as well.
            if (reply.ok)
                ++i;
            break;
        }
        if (!step.captureName.isEmpty())
            outcome.values.insert(
                step.captureName, reply.result.toObject().value(step.captureField).toVariant().toString());
        ++outcome.done;
    }
    if (outcome.failedStep.isEmpty()) {
        outcome.ok = true;
        return outcome;
    }
    for (qsizetype j = i - 1; j >= 0; --j) {
        const Step& step = m_steps[j];
        if (step.undoMethod.isEmpty())
            continue;
        const RpcReply reply = callAndWait(client, step.undoMethod, substitute(step.undoParams, outcome.values));
        if (reply.ok)
            outcome.undone << step.description;
        else
            outcome.undoProblems << tr("%1: %2").arg(step.description, reply.describe());
    }
    return outcome;
}

QString ApplyPlan::Outcome::report() const
{
    if (ok)
        return tr("Every step was applied.");
    QString text = tr("<b>%1 failed:</b> %2").arg(failedStep.toHtmlEscaped(), error.toHtmlEscaped());
    if (!advice.isEmpty())
        text += QStringLiteral("<br>") + tr("<b>What to do:</b> %1").arg(advice.toHtmlEscaped());
    if (undoProblems.isEmpty()) {
        text += QStringLiteral("<br>")
            + tr("Nothing was left half-applied: the %n step(s) already made were undone. Fix the problem and "
                 "press Apply again.",
                nullptr, static_cast<int>(undone.size()));
    } else {
        text += QStringLiteral("<br>") + tr("<b>These could not be undone; check them by hand:</b>");
        for (const QString& p : undoProblems)
            text += QStringLiteral("<br>• ") + p.toHtmlEscaped();
    }
    return text;
}

} // namespace tegami
