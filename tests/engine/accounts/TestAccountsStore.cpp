#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "AccountsFixture.h"

using namespace tegami;
using namespace tegami::testing;
using namespace Qt::StringLiterals;

namespace {

// Reads one value with a connection of its own, as another process would see the file.
QVariant peek(const QString& path, const QString& sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
    return value;
}

NewMailbox mailbox(const QString& address, const QString& password = u"secret-password"_s)
{
    NewMailbox m;
    m.address = address;
    m.password = password;
    return m;
}

} // namespace

class TestAccountsStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<StoreFixture>();
        QVERIFY(m_fx->dir.isValid());
        QVERIFY(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    void openCreatesVersionedWalDatabase()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        QCOMPARE(peek(m_fx->path(), u"PRAGMA user_version"_s).toInt(), 3);
        QCOMPARE(peek(m_fx->path(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(QFileInfo(m_fx->path()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
    }

    void foreignKeysAreEnforced()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s)));
        // Bypassing removeDomain's own check, the schema still refuses the orphan.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fk"_s);
        db.setDatabaseName(m_fx->path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA foreign_keys = ON"_s));
        QVERIFY(!q.exec(u"DELETE FROM domains"_s));
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"fk"_s);
    }

    void openFailsClearly()
    {
        Result<std::unique_ptr<AccountStore>> missing
            = AccountStore::open(m_fx->dir.filePath(u"no/such/dir/accounts.db"_s), PasswordHasher(), m_fx->clock);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QVERIFY2(missing.error().message.contains(u"does not exist"_s), qPrintable(missing.error().message));
    }

    void version1DatabasesGainThePopPolicy()
    {
        TEGAMI_VERIFY_OK(m_fx->store->addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(m_fx->store->addMailbox(mailbox(u"alice@example.com"_s)));
        m_fx->store.reset();
        {
            // Turn the file back into what version 1 wrote.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
            db.setDatabaseName(m_fx->path());
            QVERIFY(db.open());
            for (const QString& column :
                { u"pop_scope"_s, u"pop_since"_s, u"pop_after"_s, u"imap_auto_expunge"_s, u"imap_delete"_s })
                QVERIFY(QSqlQuery(db).exec(u"ALTER TABLE mailboxes DROP COLUMN "_s + column));
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA user_version = 1"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"downgrade"_s);
        QVERIFY(m_fx->open());
        QCOMPARE(peek(m_fx->path(), u"PRAGMA user_version"_s).toInt(), 3);
        Result<Mailbox> alice = m_fx->store->findMailbox(u"alice@example.com"_s);
        TEGAMI_VERIFY_OK(alice);
        QCOMPARE(alice->pop.scope, PopScope::AllMail);
        QCOMPARE(alice->pop.afterRetrieval, PopAfterRetrieval::Keep);

        // "From now on" starts at the time of the change.
        m_fx->clock.advanceSecs(3600);
        MailboxChanges c;
        c.popScope = PopScope::NewMail;
        c.popAfterRetrieval = PopAfterRetrieval::Archive;
        Result<Mailbox> changed = m_fx->store->updateMailbox(u"alice@example.com"_s, c);
        TEGAMI_VERIFY_OK(changed);
        QCOMPARE(changed->pop.scope, PopScope::NewMail);
        QCOMPARE(changed->pop.since, m_fx->clock.now());
        QCOMPARE(changed->pop.afterRetrieval, PopAfterRetrieval::Archive);
        QCOMPARE(changed->toJson().value(u"pop"_s).toObject().value(u"afterRetrieval"_s).toString(), u"archive"_s);
    }

    void imapPolicyDefaultsToStandardImapAndChanges()
    {
        TEGAMI_VERIFY_OK(m_fx->store->addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(m_fx->store->addMailbox(mailbox(u"bob@example.com"_s)));
        Result<Mailbox> bob = m_fx->store->findMailbox(u"bob@example.com"_s);
        TEGAMI_VERIFY_OK(bob);
        QCOMPARE(bob->imap.autoExpunge, false);
        QCOMPARE(bob->imap.deleteAction, ImapDeleteAction::DeleteNow);
        MailboxChanges c;
        c.imapAutoExpunge = true;
        c.imapDeleteAction = ImapDeleteAction::MoveToTrash;
        Result<Mailbox> changed = m_fx->store->updateMailbox(u"bob@example.com"_s, c);
        TEGAMI_VERIFY_OK(changed);
        QCOMPARE(changed->imap.autoExpunge, true);
        QCOMPARE(changed->imap.deleteAction, ImapDeleteAction::MoveToTrash);
        QCOMPARE(changed->pop.afterRetrieval, PopAfterRetrieval::Keep); // untouched
        const QJsonObject imap = changed->toJson().value(u"imap"_s).toObject();
        QCOMPARE(imap.value(u"deleteAction"_s).toString(), u"trash"_s);
        QCOMPARE(imap.value(u"autoExpunge"_s).toBool(), true);
        for (ImapDeleteAction a : { ImapDeleteAction::MoveToTrash, ImapDeleteAction::Archive, ImapDeleteAction::DeleteNow })
            QCOMPARE(imapDeleteActionFromName(imapDeleteActionName(a)), a);
        QVERIFY(!imapDeleteActionFromName(u"shred"_s));
    }

    void newerSchemaIsRefused()
    {
        m_fx->store.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            db.setDatabaseName(m_fx->path());
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        Result<std::unique_ptr<AccountStore>> opened
            = AccountStore::open(m_fx->path(), PasswordHasher(Argon2Params::forTests()), m_fx->clock);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(u"newer release"_s), qPrintable(opened.error().message));
    }

    void domains()
    {
        AccountStore& s = *m_fx->store;
        const Result<Domain> added = s.addDomain(u"Example.COM"_s);
        TEGAMI_VERIFY_OK(added);
        QCOMPARE(added->name, u"example.com"_s);
        QCOMPARE(added->created, m_fx->clock.now());
        TEGAMI_VERIFY_OK(s.addDomain(u"xn--r8jz45g.jp"_s));

        const Result<Domain> dup = s.addDomain(u"EXAMPLE.com"_s);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::AlreadyExists);
        QVERIFY(dup.error().message.startsWith(u"the domain example.com already exists"_s));
        QCOMPARE(s.addDomain(u"例え.jp"_s).error().code, ErrorCode::AlreadyExists);
        QCOMPARE(s.addDomain(u"bad domain.com"_s).error().code, ErrorCode::InvalidArgument);

        const Result<QList<Domain>> list = s.listDomains();
        TEGAMI_VERIFY_OK(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).name, u"example.com"_s);
        QCOMPARE(list->at(1).name, u"例え.jp"_s);
        QCOMPARE(list->at(1).ace, u"xn--r8jz45g.jp"_s);

        QVERIFY(s.isLocalDomain(u"EXAMPLE.COM"_s));
        QVERIFY(s.isLocalDomain(u"XN--R8JZ45G.jp"_s));
        QVERIFY(!s.isLocalDomain(u"example.org"_s));
        QVERIFY(!s.isLocalDomain(u"not a domain"_s));

        TEGAMI_VERIFY_OK(s.removeDomain(u"例え.jp"_s));
        QVERIFY(!s.isLocalDomain(u"例え.jp"_s));
        const Result<void> gone = s.removeDomain(u"例え.jp"_s);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void domainRemovalRefusedWhileInUse()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s)));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"bob@example.com"_s)));
        TEGAMI_VERIFY_OK(s.addAlias(u"team@example.com"_s, { u"alice@example.com"_s, u"bob@example.com"_s }));

        Result<void> refused = s.removeDomain(u"example.com"_s);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(refused.error().message,
            u"the domain example.com still has 2 mailboxes and 1 alias: remove them first, then the domain"_s);

        TEGAMI_VERIFY_OK(s.removeAlias(u"team@example.com"_s));
        TEGAMI_VERIFY_OK(s.removeMailbox(u"bob@example.com"_s));
        refused = s.removeDomain(u"example.com"_s);
        QVERIFY(refused.error().message.contains(u"still has 1 mailbox:"_s));
        TEGAMI_VERIFY_OK(s.removeMailbox(u"alice@example.com"_s));
        TEGAMI_VERIFY_OK(s.removeDomain(u"example.com"_s));
    }

    void addMailboxWithDefaults()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        NewMailbox m = mailbox(u"Alice@Example.com"_s);
        m.displayName = u"  Alice Liddell "_s;
        const Result<Mailbox> added = s.addMailbox(m);
        TEGAMI_VERIFY_OK(added);
        QVERIFY(added->id > 0);
        QCOMPARE(added->address, u"alice@example.com"_s);
        QCOMPARE(added->displayName, u"Alice Liddell"_s);
        QCOMPARE(added->quotaBytes, 0);
        QVERIFY(added->enabled);
        QVERIFY(!added->admin);
        QCOMPARE(added->protocols, ProtocolSet::all());
        QCOMPARE(added->created, m_fx->clock.now());

        // The JSON form never carries the hash.
        const QByteArray json = QJsonDocument(added->toJson()).toJson();
        QVERIFY(!json.contains("argon2"));
        QVERIFY(!json.toLower().contains("hash"));
        QVERIFY(!json.contains("secret-password"));
        QCOMPARE(added->toJson().value(u"protocols"_s).toArray().size(), 4);

        const Result<MailboxCredentials> creds = s.findCredentials(*parseAddress(u"alice@example.com"_s));
        TEGAMI_VERIFY_OK(creds);
        QVERIFY(creds->passwordHash.startsWith(u"$argon2id$"_s));
        QVERIFY(*s.hasher().verify(creds->passwordHash, u"secret-password"_s));
    }

    void addMailboxRefusals()
    {
        AccountStore& s = *m_fx->store;
        const Result<Mailbox> noDomain = s.addMailbox(mailbox(u"alice@example.com"_s));
        QVERIFY(!noDomain.ok());
        QCOMPARE(noDomain.error().field, u"address"_s);
        QVERIFY2(noDomain.error().message.contains(u"tegamictl domain add example.com"_s),
            qPrintable(noDomain.error().message));

        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s)));
        const Result<Mailbox> dup = s.addMailbox(mailbox(u"ALICE@example.com"_s));
        QCOMPARE(dup.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(dup.error().message, u"a mailbox alice@example.com already exists: choose another address"_s);

        TEGAMI_VERIFY_OK(s.addAlias(u"info@example.com"_s, { u"alice@example.com"_s }));
        const Result<Mailbox> aliasTaken = s.addMailbox(mailbox(u"info@example.com"_s));
        QCOMPARE(aliasTaken.error().code, ErrorCode::AlreadyExists);
        QVERIFY(aliasTaken.error().message.contains(u"already an alias (for alice@example.com)"_s));

        const Result<Mailbox> shortPw = s.addMailbox(mailbox(u"carol@example.com"_s, u"short"_s));
        QCOMPARE(shortPw.error().field, u"password"_s);
        QCOMPARE(s.findMailbox(u"carol@example.com"_s).error().code, ErrorCode::NotFound);

        NewMailbox badName = mailbox(u"dave@example.com"_s);
        badName.displayName = u"Dave\r\nBcc: everyone@example.com"_s;
        QCOMPARE(s.addMailbox(badName).error().field, u"displayName"_s);
        NewMailbox longName = mailbox(u"dave@example.com"_s);
        longName.displayName = QString(201, u'd');
        QCOMPARE(s.addMailbox(longName).error().field, u"displayName"_s);
        NewMailbox badQuota = mailbox(u"dave@example.com"_s);
        badQuota.quotaBytes = -1;
        QCOMPARE(s.addMailbox(badQuota).error().field, u"quotaBytes"_s);
        QCOMPARE(s.addMailbox(mailbox(u"\"dave\"@example.com"_s)).error().field, u"address"_s);
    }

    void listFindUpdate()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addDomain(u"例え.jp"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"bob@example.com"_s)));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s)));
        NewMailbox jp = mailbox(u"用户@例え.jp"_s);
        jp.protocols = { Protocol::Imap, Protocol::Submission };
        jp.quotaBytes = 1 << 20;
        jp.admin = true;
        TEGAMI_VERIFY_OK(s.addMailbox(jp));

        QCOMPARE(s.listMailboxes()->size(), 3);
        const Result<QList<Mailbox>> ex = s.listMailboxes(u"EXAMPLE.com"_s);
        TEGAMI_VERIFY_OK(ex);
        QCOMPARE(ex->size(), 2);
        QCOMPARE(ex->at(0).address, u"alice@example.com"_s);
        QCOMPARE(ex->at(1).address, u"bob@example.com"_s);
        QCOMPARE(s.listMailboxes(u"example.org"_s).error().code, ErrorCode::NotFound);

        const Result<Mailbox> found = s.findMailbox(u"用户@XN--R8JZ45G.JP"_s);
        TEGAMI_VERIFY_OK(found);
        QCOMPARE(found->protocols, (ProtocolSet { Protocol::Submission, Protocol::Imap }));
        QCOMPARE(found->quotaBytes, 1 << 20);
        QVERIFY(found->admin);
        QCOMPARE(s.findMailbox(u"nobody@example.com"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(s.findMailbox(u"nobody"_s).error().code, ErrorCode::InvalidArgument);

        MailboxChanges change;
        change.enabled = false;
        const Result<Mailbox> disabled = s.updateMailbox(u"Bob@Example.com"_s, change);
        TEGAMI_VERIFY_OK(disabled);
        QVERIFY(!disabled->enabled);
        QCOMPARE(disabled->protocols, ProtocolSet::all()); // untouched fields stay

        MailboxChanges many;
        many.protocols = ProtocolSet { Protocol::Pop3 };
        many.quotaBytes = 5000;
        many.displayName = u"Robert"_s;
        many.admin = true;
        const Result<Mailbox> updated = s.updateMailbox(u"bob@example.com"_s, many);
        TEGAMI_VERIFY_OK(updated);
        QVERIFY(!updated->enabled);
        QCOMPARE(updated->protocols, ProtocolSet { Protocol::Pop3 });
        QCOMPARE(updated->quotaBytes, 5000);
        QCOMPARE(updated->displayName, u"Robert"_s);
        QVERIFY(updated->admin);

        MailboxChanges bad;
        bad.quotaBytes = -5;
        QCOMPARE(s.updateMailbox(u"bob@example.com"_s, bad).error().field, u"quotaBytes"_s);
        QCOMPARE(s.findMailbox(u"bob@example.com"_s)->quotaBytes, 5000);
        QCOMPARE(s.updateMailbox(u"nobody@example.com"_s, change).error().code, ErrorCode::NotFound);
        TEGAMI_VERIFY_OK(s.updateMailbox(u"bob@example.com"_s, MailboxChanges {}));
    }

    void setPasswordReplacesHash()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s, u"old-password"_s)));
        m_fx->clock.advanceSecs(3600);
        TEGAMI_VERIFY_OK(s.setPassword(u"ALICE@example.com"_s, u"new-password"_s));
        const Result<MailboxCredentials> creds = s.findCredentials(*parseAddress(u"alice@example.com"_s));
        QVERIFY(*s.hasher().verify(creds->passwordHash, u"new-password"_s));
        QVERIFY(!*s.hasher().verify(creds->passwordHash, u"old-password"_s));
        QCOMPARE(creds->mailbox.passwordChanged, m_fx->clock.now());
        QCOMPARE(s.setPassword(u"alice@example.com"_s, u"short"_s).error().field, u"password"_s);
        QCOMPARE(s.setPassword(u"nobody@example.com"_s, u"long-enough"_s).error().code, ErrorCode::NotFound);
    }

    void removeMailbox()
    {
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        TEGAMI_VERIFY_OK(s.addMailbox(mailbox(u"alice@example.com"_s)));
        TEGAMI_VERIFY_OK(s.addAlias(u"sales@example.com"_s, { u"alice@example.com"_s }));
        TEGAMI_VERIFY_OK(s.addAlias(u"info@example.com"_s, { u"alice@example.com"_s, u"x@example.org"_s }));
        const Result<void> refused = s.removeMailbox(u"alice@example.com"_s);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
            u"alice@example.com is a target of the aliases info@example.com, "
            u"sales@example.com: change or remove them first"_s);
        TEGAMI_VERIFY_OK(s.removeAlias(u"sales@example.com"_s));
        TEGAMI_VERIFY_OK(s.setAliasTargets(u"info@example.com"_s, { u"x@example.org"_s }));
        TEGAMI_VERIFY_OK(s.removeMailbox(u"Alice@example.com"_s));
        QCOMPARE(s.findMailbox(u"alice@example.com"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(s.removeMailbox(u"alice@example.com"_s).error().code, ErrorCode::NotFound);
    }

    void persistsAcrossReopen()
    {
        {
            AccountStore& s = *m_fx->store;
            TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
            NewMailbox m = mailbox(u"alice@example.com"_s, u"persistent-pw"_s);
            m.protocols = { Protocol::Imap };
            m.displayName = u"Alice"_s;
            TEGAMI_VERIFY_OK(s.addMailbox(m));
            TEGAMI_VERIFY_OK(s.addAlias(u"all@example.com"_s, { u"alice@example.com"_s, u"ext@example.org"_s }));
        }
        const QDateTime created = m_fx->clock.now();
        m_fx->clock.advanceSecs(86400);
        QVERIFY(m_fx->open());
        AccountStore& s = *m_fx->store;
        QCOMPARE(s.listDomains()->size(), 1);
        const Result<Mailbox> alice = s.findMailbox(u"alice@example.com"_s);
        TEGAMI_VERIFY_OK(alice);
        QCOMPARE(alice->displayName, u"Alice"_s);
        QCOMPARE(alice->protocols, ProtocolSet { Protocol::Imap });
        QCOMPARE(alice->created, created);
        QVERIFY(*s.hasher().verify(
            s.findCredentials(*parseAddress(u"alice@example.com"_s))->passwordHash, u"persistent-pw"_s));
        const Result<Alias> all = s.findAlias(u"all@example.com"_s);
        TEGAMI_VERIFY_OK(all);
        QCOMPARE(all->targets, (QStringList { u"alice@example.com"_s, u"ext@example.org"_s }));
    }

    void twoStoresSideBySide()
    {
        StoreFixture other;
        QVERIFY(other.open());
        TEGAMI_VERIFY_OK(m_fx->store->addDomain(u"example.com"_s));
        QVERIFY(!other.store->isLocalDomain(u"example.com"_s));
    }

private:
    std::unique_ptr<StoreFixture> m_fx;
};

QTEST_GUILESS_MAIN(TestAccountsStore)
#include "TestAccountsStore.moc"
