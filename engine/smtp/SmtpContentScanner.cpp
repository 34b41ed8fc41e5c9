#include "smtp/SmtpContentScanner.h"

namespace tegami {

void SmtpContentScanner::reset(const SmtpContentOptions& options, bool dotStuffed)
{
    m_options = options;
    m_dotStuffed = dotStuffed;
    m_state = State::LineStart;
    m_lineBytes = 0;
    m_report = {};
}

void SmtpContentScanner::emit(QByteArray& out, QByteArrayView bytes)
{
    out.append(bytes);
    m_report.bytes += bytes.size();
}

void SmtpContentScanner::addLineBytes(qint64 n)
{
    const qint64 before = m_lineBytes;
    m_lineBytes += n;
    if (m_lineBytes > m_report.longestLine)
        m_report.longestLine = m_lineBytes;
    if (before <= m_options.maxLineBytes && m_lineBytes > m_options.maxLineBytes)
        ++m_report.longLines;
}

void SmtpContentScanner::lineEnd(QByteArray& out, bool bareCr, bool bareLf)
{
    m_lineBytes = 0;
    if (bareCr)
        ++m_report.bareCr;
    if (bareLf)
        ++m_report.bareLf;
    if (!bareCr && !bareLf) {
        emit(out, "\r\n");
        return;
    }
    if (m_options.normalizeBareLineEndings)
        emit(out, "\r\n");
    else
        emit(out, bareCr ? QByteArrayView("\r") : QByteArrayView("\n"));
}

qsizetype SmtpContentScanner::scan(QByteArrayView in, QByteArray& out, bool* ended)
{
    *ended = false;
    const qsizetype size = in.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = in[i];
        switch (m_state) {
        case State::LineStart:
            if (m_dotStuffed && c == '.') {
                m_state = State::Dot;
                ++i;
            } else {
                m_state = State::Text; // the byte is read again as text
            }
            break;
        case State::Dot:
            if (c == '\r') {
                m_state = State::DotCr;
                ++i;
            } else {
                m_state = State::Text; // the dot was stuffing: dropped; the byte is text
            }
            break;
        case State::DotCr:
            if (c == '\n') {
                ++i;
                m_report.wireBytes += i;
                m_state = State::LineStart;
                *ended = true;
                return i;
            }
            // ".\r" and something else: the dot was stuffing, the CR is bare.
            lineEnd(out, true, false);
            m_state = State::Text;
            break;
        case State::Cr:
            if (c == '\n') {
                ++i;
                lineEnd(out, false, false);
                m_state = State::LineStart;
            } else {
                lineEnd(out, true, false);
                m_state = State::Text; // the byte is read again as text
            }
            break;
        case State::Text: {
            qsizetype j = i;
            while (j < size && in[j] != '\r' && in[j] != '\n')
                ++j;
            if (j > i) {
                emit(out, in.sliced(i, j - i));
                addLineBytes(j - i);
                i = j;
            }
            if (i == size)
                break;
            if (in[i] == '\r') {
                m_state = State::Cr;
            } else {
                // A bare LF ends a line but never starts one where a dot means anything.
                lineEnd(out, false, true);
            }
            ++i;
            break;
        }
        }
    }
    m_report.wireBytes += i;
    return i;
}

void SmtpContentScanner::finish(QByteArray& out)
{
    if (m_state == State::Cr) {
        lineEnd(out, true, false);
    }
    m_state = State::LineStart;
}

} // namespace tegami
