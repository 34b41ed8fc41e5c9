#pragma once

#include <QHash>
#include <QStringList>

#include <optional>

namespace tegami::cli {

// A parsed tegamictl command line: global options, the command words, and the
// command's own --options. Options may appear anywhere after the program name.
struct CommandLine {
    QStringList words; // "user", "add", "alice@example.com"
    QHash<QString, QString> options; // "--quota" -> "500M"; flags map to "true"
    QString error; // set when the line cannot be parsed

    bool has(const QString& option) const { return options.contains(option); }
    QString option(const QString& name, const QString& fallback = {}) const { return options.value(name, fallback); }
    QString word(int i) const { return i < words.size() ? words.at(i) : QString(); }
};

// Options that take no value.
CommandLine parseCommandLine(const QStringList& arguments, const QStringList& flags);

// "500M", "2G", "1048576", "unlimited" -> bytes (0 = unlimited).
std::optional<qint64> parseSize(const QString& text);
QString formatSize(qint64 bytes);

} // namespace tegami::cli
