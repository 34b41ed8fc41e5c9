#include "pop3/Pop3MessageStream.h"

#include <QBuffer>

namespace tegami {

Pop3MessageStream::Pop3MessageStream(std::unique_ptr<QIODevice> device, std::optional<qint64> bodyLines)
    : m_device(std::move(device))
    , m_bodyLinesLeft(bodyLines)
{ }

Result<QByteArray> Pop3MessageStream::nextChunk(qint64 maxMessageBytes)
{
    QByteArray out;
    if (m_finished)
        return out;
    QByteArray in(static_cast<qsizetype>(std::max<qint64>(1, maxMessageBytes)), Qt::Uninitialized);
    const qint64 n = m_device->read(in.data(), in.size());
    if (n < 0)
        return Error::io(QStringLiteral("cannot read the message: %1").arg(m_device->errorString()));
    out.reserve(n + n / 64 + 8);
    take(in.constData(), n, out);
    if (m_limitReached || n == 0 || m_device->atEnd())
        finish(out);
    return out;
}

void Pop3MessageStream::take(const char* data, qint64 size, QByteArray& out)
{
    const bool top = m_bodyLinesLeft.has_value();
    if (top && m_inBody && *m_bodyLinesLeft <= 0) {
        m_limitReached = true;
        m_truncated = m_truncated || size > 0;
        return;
    }
    qint64 copyFrom = 0;
    for (qint64 i = 0; i < size; ++i) {
        const char c = data[i];
        if (m_atLineStart && c == '.') {
            out.append(data + copyFrom, i - copyFrom);
            out.append('.');
            copyFrom = i;
        }
        m_atLineStart = false;
        if (c != '\n') {
            if (c != '\r')
                ++m_lineLength;
            continue;
        }
        m_atLineStart = true;
        if (!top) {
            m_lineLength = 0;
            continue;
        }
        // TOP: the first empty line ends the headers; then count body lines.
        if (!m_inBody) {
            if (m_lineLength == 0)
                m_inBody = true;
        } else {
            --*m_bodyLinesLeft;
        }
        m_lineLength = 0;
        if (m_inBody && *m_bodyLinesLeft <= 0) {
            out.append(data + copyFrom, i + 1 - copyFrom);
            m_limitReached = true;
            m_truncated = i + 1 < size || !m_device->atEnd();
            return;
        }
    }
    out.append(data + copyFrom, size - copyFrom);
}

void Pop3MessageStream::finish(QByteArray& out)
{
    if (!m_atLineStart)
        out.append("\r\n");
    out.append(".\r\n");
    m_finished = true;
    m_device.reset();
}

Result<QByteArray> Pop3MessageStream::render(const QByteArray& message, std::optional<qint64> bodyLines)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(message);
    buffer->open(QIODevice::ReadOnly);
    Pop3MessageStream stream(std::move(buffer), bodyLines);
    QByteArray out;
    while (!stream.atEnd()) {
        Result<QByteArray> chunk = stream.nextChunk(64 * 1024);
        if (!chunk)
            return chunk.error();
        out += *chunk;
    }
    return out;
}

} // namespace tegami
