// libFuzzer target for the POP3 input path: the command parser (any split of the input
// must give the same items, memory stays bounded) and a whole session in the
// AUTHORIZATION state (plain-text logins allowed, so USER, PASS and AUTH reach the real
// authenticator) over real account and mail stores in a temporary directory.
//
// Build and run: make fuzz (clang, -fsanitize=fuzzer,address).

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "pop3/MaildropLocks.h"
#include "pop3/Pop3Parser.h"
#include "pop3/Pop3Session.h"
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
        std::fprintf(stderr, "pop3 fuzz: %s\n", what);
        std::abort();
    }
}

struct Item {
    int kind;
    int error;
    QByteArray verb;
    QByteArray args;
    QByteArray line;
    bool operator==(const Item&) const = default;
};

// Parses `input` fed in pieces whose sizes come from `seed`; after every AUTH command the
// next line is taken raw, as a session does.
QList<Item> parse(QByteArrayView input, quint32 seed, qsizetype limit)
{
    Pop3Parser parser(limit);
    QList<Item> items;
    quint32 state = seed | 1u;
    qsizetype pos = 0;
    bool done = false;
    while (!done) {
        if (pos < input.size()) {
            state = state * 1103515245u + 12345u;
            const qsizetype n = std::min<qsizetype>(1 + (state >> 16) % 97, input.size() - pos);
            parser.feed(input.sliced(pos, n));
            pos += n;
        }
        for (;;) {
            const Pop3ParseItem item = parser.next();
            if (item.kind == Pop3ParseItem::Kind::NeedMore)
                break;
            items.append(Item { int(item.kind), int(item.error), item.command.verb, item.command.args, item.line });
            if (item.kind == Pop3ParseItem::Kind::Command) {
                check(!item.command.verb.isEmpty(), "empty verb");
                check(item.line.size() <= limit, "command longer than the limit");
                if (item.command.verb == "AUTH")
                    parser.expectRawLine(4096);
            }
            if (item.kind == Pop3ParseItem::Kind::Error && item.error == Pop3ParseError::LineTooLong) {
                done = true;
                break;
            }
        }
        // What is left is one unterminated line, kept only up to a fixed bound.
        check(parser.buffered() <= 8192 + 2 + limit, "an unterminated line was buffered without bound");
        if (pos >= input.size())
            done = true;
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

struct World {
    QTemporaryDir dir;
    ManualClock clock;
    Settings settings = Settings::defaults();
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<SqliteMailStore> store;
    NoTls tls;
    MaildropLocks locks;
    std::unique_ptr<Pop3Dependencies> deps;

    World()
    {
        check(settings.set(QStringLiteral("pop3.loginType"), QStringLiteral("plainTextLogin")).ok(), "settings");
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
        deps = std::make_unique<Pop3Dependencies>(
            Pop3Dependencies { settings, *authenticator, *accounts, *store, &tls, clock, {} });
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
    const QList<Item> whole = parse(input, 0xffffffffu, limit);
    check(parse(input, size, limit) == whole, "a different split gave different items");
    check(parse(input, 7, limit) == whole, "a different split gave different items");

    // A fresh session per input, so runs stay independent (the throttle and the lock are
    // shared, as in the server).
    world->clock.advanceSecs(3600); // let bans from earlier inputs expire
    LogSession log(Protocol::Pop3, QStringLiteral("127.0.0.1:110"), QStringLiteral("192.0.2.1:1"), nullptr, false);
    NullTransport transport;
    Pop3SessionOptions options;
    options.remoteAddress = QStringLiteral("192.0.2.1");
    options.failureDelayMs = 0;
    {
        Pop3Session session(*world->deps, world->locks, log, transport, options);
        session.start();
        qsizetype pos = 0;
        while (pos < input.size() && !transport.closed) {
            const qsizetype n = std::min<qsizetype>(1 + (pos * 31 + size) % 61, input.size() - pos);
            session.receive(input.sliced(pos, n));
            pos += n;
        }
    }
    check(world->locks.lockedCount() == 0, "a maildrop lock outlived its session");
    return 0;
}
