#include "store/LineEndings.h"

#include <cstring>

namespace tegami {

bool hasBareLf(const char* data, qsizetype size, bool* previousWasCr)
{
    bool prevCr = *previousWasCr;
    const char* p = data;
    const char* end = data + size;
    while (p < end) {
        const void* hit = std::memchr(p, '\n', size_t(end - p));
        if (!hit)
            break;
        const char* lf = static_cast<const char*>(hit);
        const bool crBefore = lf > data ? lf[-1] == '\r' : prevCr;
        if (!crBefore)
            return true;
        p = lf + 1;
    }
    *previousWasCr = size > 0 ? data[size - 1] == '\r' : prevCr;
    return false;
}

QByteArray toCrlf(const QByteArray& data)
{
    bool prevCr = false;
    if (!hasBareLf(data.constData(), data.size(), &prevCr))
        return data;
    QByteArray out;
    out.reserve(data.size() + data.size() / 32 + 16);
    char prev = 0;
    for (char c : data) {
        if (c == '\n' && prev != '\r')
            out += '\r';
        out += c;
        prev = c;
    }
    return out;
}

QByteArray toStoredForm(const QByteArray& data)
{
    QByteArray out = toCrlf(data);
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out += out.endsWith('\r') ? "\n" : "\r\n";
    return out;
}

QByteArray toLf(const QByteArray& data)
{
    if (!data.contains("\r\n"))
        return data;
    QByteArray out;
    out.reserve(data.size());
    const qsizetype n = data.size();
    const char* d = data.constData();
    for (qsizetype i = 0; i < n; ++i) {
        if (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n')
            continue;
        out += d[i];
    }
    return out;
}

} // namespace tegami
