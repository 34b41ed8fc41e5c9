#include "accounts/EmailAddress.h"

#include <QTest>

using namespace tegami;
using namespace Qt::StringLiterals;

class TestAccountsAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validAddresses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalised");
        QTest::addColumn<QString>("ace");
        QTest::addColumn<bool>("smtpUtf8");

        QTest::newRow("plain") << u"alice@example.com"_s << u"alice@example.com"_s << u"alice@example.com"_s << false;
        QTest::newRow("mixed case") << u"Alice@EXAMPLE.com"_s << u"alice@example.com"_s << u"alice@example.com"_s
                                    << false;
        QTest::newRow("idn unicode") << u"用户@例え.jp"_s << u"用户@例え.jp"_s << u"用户@xn--r8jz45g.jp"_s << true;
        QTest::newRow("idn ace") << u"alice@xn--r8jz45g.jp"_s << u"alice@例え.jp"_s << u"alice@xn--r8jz45g.jp"_s
                                 << false;
        QTest::newRow("idn ace upper") << u"alice@XN--R8JZ45G.JP"_s << u"alice@例え.jp"_s << u"alice@xn--r8jz45g.jp"_s
                                       << false;
        QTest::newRow("ideographic full stop")
            << u"user@例え。jp"_s << u"user@例え.jp"_s << u"user@xn--r8jz45g.jp"_s << false;
        QTest::newRow("eszett kept") << u"x@straße.de"_s << u"x@straße.de"_s << u"x@xn--strae-oqa.de"_s << false;
        QTest::newRow("unicode local lower-cased")
            << u"ÉLODIE@Exemple.FR"_s << u"élodie@exemple.fr"_s << u"élodie@exemple.fr"_s << true;
        QTest::newRow("nfd composed") << u"e\u0301@example.com"_s << u"\u00e9@example.com"_s << u"\u00e9@example.com"_s
                                      << true;
        QTest::newRow("surrounding space trimmed")
            << u"  bob.smith+tag@sub.example.org "_s << u"bob.smith+tag@sub.example.org"_s
            << u"bob.smith+tag@sub.example.org"_s << false;
        QTest::newRow("atext specials") << u"o'brien#1&x=y?{z}~@example.ie"_s << u"o'brien#1&x=y?{z}~@example.ie"_s
                                        << u"o'brien#1&x=y?{z}~@example.ie"_s << false;
        QTest::newRow("64 octet local") << QString(64, u'a') + u"@example.com"_s
                                        << QString(64, u'a') + u"@example.com"_s
                                        << QString(64, u'a') + u"@example.com"_s << false;
        QTest::newRow("digits in labels")
            << u"a@123.example.com"_s << u"a@123.example.com"_s << u"a@123.example.com"_s << false;
    }
    void validAddresses()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalised);
        QFETCH(QString, ace);
        QFETCH(bool, smtpUtf8);
        const Result<EmailAddress> parsed = parseAddress(input);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QCOMPARE(parsed->toString(), normalised);
        QCOMPARE(parsed->toAceString(), ace);
        QCOMPARE(parsed->needsSmtpUtf8(), smtpUtf8);
        // Normalising is idempotent: the stored key parses to itself.
        QCOMPARE(parseAddress(parsed->toString())->toString(), normalised);
        QCOMPARE(parseAddress(parsed->toAceString())->toString(), normalised);
    }

    void invalidAddresses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // a fragment of the message

        QTest::newRow("empty") << QString() << u"the address is empty"_s;
        QTest::newRow("no at") << u"alice"_s << u"has no '@'"_s;
        QTest::newRow("no domain") << u"alice@"_s << u"domain part (after the @) of 'alice@' is empty"_s;
        QTest::newRow("no local") << u"@example.com"_s << u"local part (before the @) of '@example.com' is empty"_s;
        QTest::newRow("quoted") << u"\"john smith\"@example.com"_s << u"quoted local parts"_s;
        QTest::newRow("quoted with at") << u"\"u@x\"@example.com"_s << u"quoted local parts"_s;
        QTest::newRow("two ats") << u"u@x@example.com"_s << u"more than one '@'"_s;
        QTest::newRow("source route") << u"@relay.example:bob@example.com"_s << u"source routes"_s;
        QTest::newRow("percent hack") << u"bob%other.com@example.com"_s << u"percent-hack"_s;
        QTest::newRow("bang path") << u"other!bob@example.com"_s << u"bang-path"_s;
        QTest::newRow("literal") << u"alice@[192.0.2.1]"_s << u"address literals"_s;
        QTest::newRow("bare ip") << u"alice@192.0.2.1"_s << u"looks like an IP address"_s;
        QTest::newRow("space in domain") << u"alice@exa mple.com"_s << u"the domain 'exa mple.com' contains a space"_s;
        QTest::newRow("space in local") << u"al ice@example.com"_s << u"contains a space"_s;
        QTest::newRow("ideographic space") << u"alice\u3000x@example.com"_s << u"contains a space"_s;
        QTest::newRow("leading dot") << u".alice@example.com"_s << u"starts with a dot"_s;
        QTest::newRow("trailing dot") << u"alice.@example.com"_s << u"ends with a dot"_s;
        QTest::newRow("double dot") << u"al..ice@example.com"_s << u"two dots in a row"_s;
        QTest::newRow("domain double dot") << u"alice@example..com"_s << u"two dots in a row"_s;
        QTest::newRow("domain leading dot") << u"alice@.example.com"_s << u"starts with a dot"_s;
        QTest::newRow("domain trailing dot") << u"alice@example.com."_s << u"ends with a dot"_s;
        QTest::newRow("one label") << u"alice@localhost"_s << u"only one label"_s;
        QTest::newRow("leading hyphen") << u"alice@-example.com"_s << u"starts with a hyphen"_s;
        QTest::newRow("trailing hyphen") << u"alice@example-.com"_s << u"ends with a hyphen"_s;
        QTest::newRow("underscore") << u"alice@ex_ample.com"_s << u"'_'"_s;
        QTest::newRow("65 octet local") << QString(65, u'a') + u"@example.com"_s << u"the limit is 64"_s;
        QTest::newRow("long utf8 local") << QString(22, u'あ') + u"@example.com"_s << u"66 octets"_s;
        QTest::newRow("64 octet label") << u"a@"_s + QString(64, u'b') + u".com"_s << u"the limit is 63"_s;
        QTest::newRow("long domain") << u"a@"_s + QStringList(5, QString(60, u'c')).join(u'.') + u".com"_s
                                     << u"the limit is 255"_s;
        QTest::newRow("bad punycode") << u"alice@xn--zz.com"_s << u"not valid punycode"_s;
        QTest::newRow("parenthesis") << u"ali(ce)@example.com"_s << u"'('"_s;
        QTest::newRow("zero width space") << u"ali\u200bce@example.com"_s << u"U+200B"_s;
        QTest::newRow("control char") << u"alice@exam\u0001ple.com"_s << u"control character U+0001"_s;
        QTest::newRow("angle brackets") << u"<alice@example.com>"_s << u"angle brackets"_s;
        QTest::newRow("idna disallowed") << u"alice@a\u2488.com"_s << u"not a valid internationalised"_s;
    }
    void invalidAddresses()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Result<EmailAddress> parsed = parseAddress(input, u"rcpt"_s);
        QVERIFY2(!parsed.ok(), qPrintable(u"accepted: "_s + (parsed.ok() ? parsed->toString() : QString())));
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(parsed.error().field, u"rcpt"_s);
        QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
    }

    void longInputIsShortenedInMessages()
    {
        const QString huge = QString(10000, u'x') + u" @example.com"_s;
        const Result<EmailAddress> parsed = parseAddress(huge);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.size() < 300, qPrintable(parsed.error().message));
    }

    void normaliseDomainForms()
    {
        QCOMPARE(*normaliseDomain(u"EXAMPLE.COM"_s), u"example.com"_s);
        QCOMPARE(*normaliseDomain(u"xn--r8jz45g.jp"_s), u"例え.jp"_s);
        QCOMPARE(*normaliseDomain(u"例え.JP"_s), u"例え.jp"_s);
        const Result<DomainName> both = parseDomain(u"Ünïcode.de"_s);
        QVERIFY(both.ok());
        QCOMPARE(both->unicode, u"ünïcode.de"_s);
        QCOMPARE(both->ace, u"xn--ncode-cta3g.de"_s);

        const Result<QString> bad = normaliseDomain(u"exa mple.com"_s, u"name"_s);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().field, u"name"_s);
        QCOMPARE(bad.error().message, u"the domain 'exa mple.com' contains a space"_s);
        QVERIFY(!normaliseDomain(QString()).ok());
        QVERIFY(!normaliseDomain(u"com"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestAccountsAddress)
#include "TestAccountsAddress.moc"
