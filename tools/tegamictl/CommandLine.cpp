#include "CommandLine.h"

namespace tegami::cli {

CommandLine parseCommandLine(const QStringList& arguments, const QStringList& flags)
{
    CommandLine cl;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--")) {
            cl.words << arguments.mid(i + 1);
            break;
        }
        if (a.startsWith(QLatin1String("--"))) {
            const qsizetype eq = a.indexOf(QLatin1Char('='));
            if (eq > 0) {
                cl.options.insert(a.left(eq), a.mid(eq + 1));
            } else if (flags.contains(a)) {
                cl.options.insert(a, QStringLiteral("true"));
            } else if (i + 1 < arguments.size()) {
                cl.options.insert(a, arguments.at(++i));
            } else {
                cl.error = QStringLiteral("option %1 needs a value").arg(a);
                return cl;
            }
        } else {
            cl.words << a;
        }
    }
    return cl;
}

std::optional<qint64> parseSize(const QString& text)
{
    const QString t = text.trimmed().toUpper();
    if (t == QLatin1String("UNLIMITED") || t == QLatin1String("0"))
        return 0;
    qint64 unit = 1;
    QString number = t;
    if (number.endsWith(QLatin1Char('B')))
        number.chop(1);
    if (number.endsWith(QLatin1Char('K'))) {
        unit = 1024;
    } else if (number.endsWith(QLatin1Char('M'))) {
        unit = 1024 * 1024;
    } else if (number.endsWith(QLatin1Char('G'))) {
        unit = 1024LL * 1024 * 1024;
    } else if (number.endsWith(QLatin1Char('T'))) {
        unit = 1024LL * 1024 * 1024 * 1024;
    }
    if (unit != 1)
        number.chop(1);
    bool ok = false;
    const double value = number.toDouble(&ok);
    const double bytes = value * static_cast<double>(unit);
    // 2^62 bytes is far beyond any disk; anything larger is a typo, not a quota.
    if (!ok || value < 0 || !(bytes < 4.6e18))
        return std::nullopt;
    return static_cast<qint64>(bytes);
}

QString formatSize(qint64 bytes)
{
    if (bytes <= 0)
        return QStringLiteral("unlimited");
    const char* units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes)
                  : QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 1 : 0).arg(QLatin1String(units[u]));
}

} // namespace tegami::cli
