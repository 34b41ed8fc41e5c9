#include <QSqlDatabase>
#include <QSqlQuery>

#include "AccountsFixture.h"

using namespace tegami;
using namespace tegami::testing;
using namespace Qt::StringLiterals;

class TestAccountsAliases : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<StoreFixture>();
        QVERIFY(m_fx->open());
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        for (const QString& name : { u"alice"_s, u"bob"_s, u"carol"_s }) {
            NewMailbox m;
            m.address = name + u"@example.com"_s;
            m.password = u"secret-password"_s;
            TEGAMI_VERIFY_OK(s.addMailbox(m));
        }
    }
    void cleanup() { m_fx.reset(); }

    void aliasToMailboxesAndRemote()
    {
        AccountStore& s = *m_fx->store;
        const Result<Alias> added = s.addAlias(
            u"Sales@Example.com"_s, { u"ALICE@example.com"_s, u"partner@Example.ORG"_s, u"alice@example.com"_s });
        TEGAMI_VERIFY_OK(added);
        QCOMPARE(added->address, u"sales@example.com"_s);
        QCOMPARE(added->targets, (QStringList { u"alice@example.com"_s, u"partner@example.org"_s }));

        const Result<ResolvedRecipients> r = s.resolveRecipient(u"SALES@example.com"_s);
        TEGAMI_VERIFY_OK(r);
        QCOMPARE(r->local, QStringList { u"alice@example.com"_s });
        QCOMPARE(r->remote, QStringList { u"partner@example.org"_s });
        QVERIFY(r->notes.isEmpty());

        const Result<QList<Alias>> list = s.listAliases();
        TEGAMI_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->at(0).targets.size(), 2);
        QCOMPARE(s.listAliases(u"example.com"_s)->size(), 1);
    }

    void mailboxResolvesToItself()
    {
        const Result<ResolvedRecipients> r = m_fx->store->resolveRecipient(u"Bob@EXAMPLE.com"_s);
        TEGAMI_VERIFY_OK(r);
        QCOMPARE(r->local, QStringList { u"bob@example.com"_s });
        QVERIFY(r->remote.isEmpty());
    }

    void unknownRecipients()
    {
        AccountStore& s = *m_fx->store;
        const Result<ResolvedRecipients> unknown = s.resolveRecipient(u"nobody@example.com"_s);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QCOMPARE(unknown.error().message, u"there is no mailbox or alias nobody@example.com"_s);
        const Result<ResolvedRecipients> remote = s.resolveRecipient(u"someone@example.org"_s);
        QCOMPARE(remote.error().code, ErrorCode::NotFound);
        QVERIFY(remote.error().message.contains(u"not in a local domain"_s));
        QCOMPARE(s.resolveRecipient(u"a%b@example.com"_s).error().code, ErrorCode::InvalidArgument);
    }

    void addAliasRefusals()
    {
        AccountStore& s = *m_fx->store;
        const Result<Alias> foreignDomain = s.addAlias(u"x@example.org"_s, { u"alice@example.com"_s });
        QCOMPARE(foreignDomain.error().code, ErrorCode::InvalidArgument);
        QVERIFY(foreignDomain.error().message.contains(u"tegamictl domain add example.org"_s));

        const Result<Alias> mailboxTaken = s.addAlias(u"bob@example.com"_s, { u"alice@example.com"_s });
        QCOMPARE(mailboxTaken.error().code, ErrorCode::AlreadyExists);
        QVERIFY(mailboxTaken.error().message.contains(u"a mailbox bob@example.com already exists"_s));

        TEGAMI_VERIFY_OK(s.addAlias(u"team@example.com"_s, { u"alice@example.com"_s }));
        QCOMPARE(s.addAlias(u"TEAM@example.com"_s, { u"bob@example.com"_s }).error().code, ErrorCode::AlreadyExists);

        const Result<Alias> dangling = s.addAlias(u"help@example.com"_s, { u"alcie@example.com"_s });
        QCOMPARE(dangling.error().field, u"targets"_s);
        QVERIFY2(dangling.error().message.contains(u"no mailbox or alias with that address"_s),
            qPrintable(dangling.error().message));

        const Result<Alias> self = s.addAlias(u"help@example.com"_s, { u"Help@example.com"_s });
        QVERIFY(self.error().message.contains(u"cannot forward to itself"_s));
        QVERIFY(s.addAlias(u"help@example.com"_s, {}).error().message.contains(u"at least one target"_s));
        QCOMPARE(s.addAlias(u"help@example.com"_s, { u"bad address"_s }).error().field, u"targets"_s);
        QCOMPARE(s.findAlias(u"help@example.com"_s).error().code, ErrorCode::NotFound);
    }

    void nestedAliasesExpandOnce()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addAlias(u"dev@example.com"_s, { u"alice@example.com"_s, u"bob@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"ops@example.com"_s, { u"bob@example.com"_s, u"carol@example.com"_s }));
        TEGAMI_VERIFY_OK(
            s.addAlias(u"all@example.com"_s, { u"dev@example.com"_s, u"ops@example.com"_s, u"ext@example.net"_s }));
        const Result<ResolvedRecipients> r = s.resolveRecipient(u"all@example.com"_s);
        TEGAMI_VERIFY_OK(r);
        QCOMPARE(r->local, (QStringList { u"alice@example.com"_s, u"bob@example.com"_s, u"carol@example.com"_s }));
        QCOMPARE(r->remote, QStringList { u"ext@example.net"_s });
        QVERIFY(r->notes.isEmpty()); // reaching bob twice is not a loop
    }

    void loopsAreRefusedOnWrite()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addAlias(u"a@example.com"_s, { u"alice@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"b@example.com"_s, { u"a@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"c@example.com"_s, { u"b@example.com"_s }));
        const Result<Alias> loop = s.setAliasTargets(u"a@example.com"_s, { u"bob@example.com"_s, u"c@example.com"_s });
        QVERIFY(!loop.ok());
        QCOMPARE(loop.error().field, u"targets"_s);
        QVERIFY2(loop.error().message.contains(u"alias loop"_s), qPrintable(loop.error().message));
        QVERIFY2(loop.error().message.contains(u"a@example.com → c@example.com → b@example.com → a@example.com"_s),
            qPrintable(loop.error().message));
        // The refused change left nothing behind.
        QCOMPARE(s.findAlias(u"a@example.com"_s)->targets, QStringList { u"alice@example.com"_s });

        TEGAMI_VERIFY_OK(s.setAliasTargets(u"a@example.com"_s, { u"bob@example.com"_s, u"carol@example.com"_s }));
        QCOMPARE(s.resolveRecipient(u"c@example.com"_s)->local,
            (QStringList { u"bob@example.com"_s, u"carol@example.com"_s }));
        QCOMPARE(s.setAliasTargets(u"zzz@example.com"_s, { u"bob@example.com"_s }).error().code, ErrorCode::NotFound);
    }

    void loopsInStoredDataAreSurvived()
    {
        // A database edited by hand (or by a buggy older release) may hold a loop:
        // resolution must terminate, deliver what it can and say what it skipped.
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addAlias(u"x@example.com"_s, { u"alice@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"y@example.com"_s, { u"x@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"p@example.com"_s, { u"alice@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"q@example.com"_s, { u"p@example.com"_s }));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"edit"_s);
            db.setDatabaseName(m_fx->path());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO alias_targets (alias_id, position, target) SELECT id, 1, 'y@example.com' "
                           u"FROM aliases WHERE address = 'x@example.com'"_s));
            QVERIFY(q.exec(u"UPDATE alias_targets SET target = 'q@example.com' WHERE alias_id = (SELECT id FROM "
                           u"aliases WHERE address = 'p@example.com')"_s));
            q = QSqlQuery();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"edit"_s);

        const Result<ResolvedRecipients> partly = s.resolveRecipient(u"x@example.com"_s);
        TEGAMI_VERIFY_OK(partly);
        QCOMPARE(partly->local, QStringList { u"alice@example.com"_s });
        QCOMPARE(partly->notes.size(), 1);
        QVERIFY2(partly->notes[0].contains(u"loop: x@example.com → y@example.com → x@example.com"_s),
            qPrintable(partly->notes[0]));

        const Result<ResolvedRecipients> nothing = s.resolveRecipient(u"p@example.com"_s);
        QCOMPARE(nothing.error().code, ErrorCode::NotFound);
        QVERIFY2(nothing.error().message.contains(u"loop"_s), qPrintable(nothing.error().message));
    }

    void depthLimit()
    {
        AccountStore& s = *m_fx->store;
        QString previous = u"alice@example.com"_s;
        for (int i = 0; i < maxAliasDepth; ++i) {
            const QString name = u"level%1@example.com"_s.arg(i);
            TEGAMI_VERIFY_OK(s.addAlias(name, { previous }));
            previous = name;
        }
        QCOMPARE(s.resolveRecipient(previous)->local, QStringList { u"alice@example.com"_s });
        const Result<Alias> tooDeep = s.addAlias(u"toodeep@example.com"_s, { previous });
        QVERIFY(!tooDeep.ok());
        QVERIFY2(tooDeep.error().message.contains(u"deeper than 10 levels"_s), qPrintable(tooDeep.error().message));
        QCOMPARE(s.findAlias(u"toodeep@example.com"_s).error().code, ErrorCode::NotFound);
    }

    void removeAlias()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addAlias(u"inner@example.com"_s, { u"alice@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"outer@example.com"_s, { u"inner@example.com"_s }));
        const Result<void> refused = s.removeAlias(u"inner@example.com"_s);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
            u"the alias inner@example.com is a target of the alias outer@example.com: "
            u"change or remove it first"_s);
        TEGAMI_VERIFY_OK(s.removeAlias(u"outer@example.com"_s));
        TEGAMI_VERIFY_OK(s.removeAlias(u"INNER@example.com"_s));
        QCOMPARE(s.removeAlias(u"inner@example.com"_s).error().code, ErrorCode::NotFound);
        QVERIFY(s.listAliases()->isEmpty());
        // Its address is free again, for a mailbox too.
        NewMailbox m;
        m.address = u"inner@example.com"_s;
        m.password = u"secret-password"_s;
        TEGAMI_VERIFY_OK(s.addMailbox(m));
    }

    void targetWhoseDomainBecameLocal()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addAlias(u"fwd@example.com"_s, { u"bob@example.net"_s, u"carol@example.com"_s }));
        QCOMPARE(s.resolveRecipient(u"fwd@example.com"_s)->remote, QStringList { u"bob@example.net"_s });
        TEGAMI_VERIFY_OK(s.addDomain(u"example.net"_s));
        const Result<ResolvedRecipients> r = s.resolveRecipient(u"fwd@example.com"_s);
        TEGAMI_VERIFY_OK(r);
        QVERIFY(r->remote.isEmpty());
        QCOMPARE(r->local, QStringList { u"carol@example.com"_s });
        QCOMPARE(r->notes.size(), 1);
        QVERIFY(r->notes[0].contains(u"skipped bob@example.net"_s));
    }

    void idnAliases()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"xn--r8jz45g.jp"_s));
        TEGAMI_VERIFY_OK(s.addAlias(u"受付@例え.jp"_s, { u"alice@example.com"_s }));
        QCOMPARE(s.resolveRecipient(u"受付@XN--R8JZ45G.jp"_s)->local, QStringList { u"alice@example.com"_s });
    }

private:
    std::unique_ptr<StoreFixture> m_fx;
};

QTEST_GUILESS_MAIN(TestAccountsAliases)
#include "TestAccountsAliases.moc"
