// libFuzzer target for the SMTP input path: the parser (any split of the input must give
// the same items; only CRLF.CRLF may end DATA; memory stays bounded) and a whole session
// on the MX listener and on submission (AUTH allowed without TLS, so AUTH reaches the real
// authenticator) over real account and mail stores in a temporary directory and an
// in-memory spool.
//
// Build and run: make fuzz FUZZERS=smtp_parser_fuzz (clang, -fsanitize=fuzzer,address).

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "queue/MessageIntake.h"
#include "smtp/SmtpParser.h"
#include "smtp/SmtpSession.h"
#include "store/SqliteMailStore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace tegami;

namespace {

void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "smtp fuzz: %s\n", what);
        std::abort();
    }
}

struct Item {
    int kind;
    int error;
    QByteArray verb;
    QByteArray args;
    QByteArray line;
    QByteArray text; // message text up to its end item
    qint64 bareLf = 0;
    qint64 bareCr = 0;
    bool operator==(const Item&) const = default;
};

// Parses `input` fed in pieces whose sizes come from `seed`, acting as a session does:
// DATA switches to message text, "BDAT n [LAST]" reads n bytes, AUTH asks for a raw line.
// Content items are joined until their end item, so the split does not show.
QList<Item> parse(QByteArrayView input, quint32 seed, qsizetype limit, bool normalize)
{
    SmtpParser parser(limit);
    const SmtpContentOptions options { 64, normalize };
    QList<Item> items;
    QByteArray text;
    bool firstChunk = true;
    quint32 state = seed | 1u;
    qsizetype pos = 0;
    for (;;) {
        if (pos < input.size()) {
            state = state * 1103515245u + 12345u;
            const qsizetype n = std::min<qsizetype>(1 + (state >> 16) % 97, input.size() - pos);
            parser.feed(input.sliced(pos, n));
            pos += n;
        }
        for (;;) {
            const SmtpParseItem item = parser.next();
            if (item.kind == SmtpParseItem::Kind::NeedMore)
                break;
            if (item.kind == SmtpParseItem::Kind::Content) {
                check(!item.content.isEmpty(), "an empty content item");
                text += item.content;
                continue;
            }
            Item out { int(item.kind), int(item.error), item.command.verb, item.command.args, item.line };
            if (item.kind == SmtpParseItem::Kind::ContentEnd || item.kind == SmtpParseItem::Kind::ChunkEnd) {
                out.bareLf = item.report.bareLf;
                out.bareCr = item.report.bareCr;
                if (item.kind == SmtpParseItem::Kind::ContentEnd) {
                    out.text = std::exchange(text, QByteArray());
                    check(item.report.bytes == out.text.size(), "the report counts other bytes than were given out");
                    if (normalize) {
                        check(!out.text.contains("\r\r") && out.text.count('\n') == out.text.count("\r\n"),
                            "normalised text has a bare line ending");
                    }
                }
            }
            items.append(out);
            if (item.kind == SmtpParseItem::Kind::Command) {
                check(!item.command.verb.isEmpty(), "empty verb");
                check(item.line.size() <= limit, "command longer than the limit");
                if (item.command.verb == "DATA") {
                    parser.beginData(options);
                    text.clear();
                }
                else if (item.command.verb == "AUTH")
                    parser.expectRawLine(200);
                else if (item.command.verb == "BDAT") {
                    const QList<QByteArray> words = item.command.args.split(' ');
                    bool ok = false;
                    const qint64 size = words[0].toLongLong(&ok);
                    if (ok && size >= 0 && size < 100000) {
                        const bool last = words.size() > 1 && words[1] == "LAST";
                        if (firstChunk)
                            text.clear();
                        parser.beginChunk(size, last, firstChunk, options);
                        firstChunk = last;
                    }
                }
            }
        }
        // In command mode what is left is one unterminated line, kept only up to the limit.
        if (parser.mode() == SmtpParser::Mode::Commands)
            check(parser.buffered() <= std::max<qsizetype>(limit, 200) + 1, "an unterminated line was kept");
        if (pos >= input.size())
            break;
    }
    return items;
}

class NullTransport : public SessionTransport {
public:
    void send(QByteArrayView bytes) override { sent += bytes.size(); }
    void startTls(const QSslConfiguration&) override { }
    void close(const QString&) override { closed = true; }
    qint64 sent = 0;
    bool closed = false;
};

class NoTls : public TlsProvider {
public:
    std::optional<QSslConfiguration> serverConfiguration(Protocol, QString* problem) const override
    {
        *problem = QStringLiteral("none in the fuzzer");
        return std::nullopt;
    }
};

// Keeps nothing, but checks what the session does with a message.
class CountingIntake : public MessageIntake {
public:
    class Writer : public SpoolWriter {
    public:
        explicit Writer(CountingIntake& intake)
            : m_intake(intake)
        {
            ++m_intake.open;
        }
        ~Writer() override { --m_intake.open; }
        Result<void> write(QByteArrayView bytes) override
        {
            m_size += bytes.size();
            return {};
        }
        qint64 size() const override { return m_size; }
        Result<QString> commit(const Envelope& envelope) override
        {
            check(!envelope.recipients.empty(), "a message committed without recipients");
            return QStringLiteral("Q");
        }

    private:
        CountingIntake& m_intake;
        qint64 m_size = 0;
    };
    Result<std::unique_ptr<SpoolWriter>> begin() override
    {
        return std::unique_ptr<SpoolWriter>(std::make_unique<Writer>(*this));
    }
    int open = 0;
};

struct World {
    QTemporaryDir dir;
    ManualClock clock;
    Settings settings = Settings::defaults();
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<SqliteMailStore> store;
    NoTls tls;
    CountingIntake intake;
    std::unique_ptr<SmtpDependencies> deps;

    World()
    {
        for (const char* p : { "smtp", "submission" }) {
            const QString prefix = QString::fromLatin1(p);
            check(settings.set(prefix + QStringLiteral(".tarpitSecs"), 0).ok(), "settings");
            check(settings.set(prefix + QStringLiteral(".maxCommandLength"), 512).ok(), "settings");
            check(settings.set(prefix + QStringLiteral(".maxMessageSize"), 4096).ok(), "settings");
            check(settings.set(prefix + QStringLiteral(".maxProtocolErrors"), 50).ok(), "settings");
        }
        check(settings.set(QStringLiteral("submission.requireTlsForAuth"), false).ok(), "settings");
        auto a = AccountStore::open(
            dir.filePath(QStringLiteral("accounts.db")), PasswordHasher(Argon2Params::forTests()), clock);
        check(a.ok(), "accounts");
        accounts = std::move(a).value();
        check(accounts->addDomain(QStringLiteral("example.com")).ok(), "domain");
        NewMailbox m;
        m.address = QStringLiteral("a@example.com");
        m.password = QStringLiteral("password1");
        check(accounts->addMailbox(m).ok(), "mailbox");
        authenticator = std::make_unique<Authenticator>(*accounts, clock);
        StoreOptions options;
        options.clock = &clock;
        options.durability = Durability::Relaxed;
        auto s = SqliteMailStore::open(dir.filePath(QStringLiteral("store")), options);
        check(s.ok(), "store");
        store = std::move(s).value();
        deps = std::make_unique<SmtpDependencies>(
            SmtpDependencies { settings, *authenticator, *accounts, *store, &tls, clock, intake, nullptr });
    }
};

World* world = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    world = new World;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const qsizetype limit = 40 + (size > 0 ? data[0] % 64 : 0);
    const bool normalize = size > 1 && (data[1] & 1);
    const QList<Item> whole = parse(input, 0xffffffffu, limit, normalize);
    check(parse(input, size, limit, normalize) == whole, "a different split gave different items");
    check(parse(input, 7, limit, normalize) == whole, "a different split gave different items");

    // A fresh session per input and listener, so runs stay independent (the throttle is
    // shared, as in the server).
    world->clock.advanceSecs(3600); // let bans from earlier inputs expire
    for (const Protocol protocol : { Protocol::Smtp, Protocol::Submission }) {
        LogSession log(protocol, QStringLiteral("127.0.0.1:25"), QStringLiteral("192.0.2.1:1"), nullptr, false);
        NullTransport transport;
        SmtpSessionOptions options;
        options.protocol = protocol;
        options.remoteAddress = QStringLiteral("192.0.2.1");
        {
            SmtpSession session(*world->deps, log, transport, options);
            session.start();
            qsizetype pos = 0;
            while (pos < input.size() && !transport.closed) {
                const qsizetype n = std::min<qsizetype>(1 + (pos * 31 + size) % 61, input.size() - pos);
                session.receive(input.sliced(pos, n));
                pos += n;
            }
        }
        check(world->intake.open == 0, "a spool writer outlived its session");
    }
    return 0;
}
