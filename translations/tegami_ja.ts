<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ClientSettingsDocument</name>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (not encrypted)</source>
        <translation>なし (暗号化なし)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Incoming mail (IMAP4)</source>
        <translation>受信メール (IMAP4)</translation>
    </message>
    <message>
        <source>Incoming mail (POP3)</source>
        <translation>受信メール (POP3)</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>送信メール (SMTP)</translation>
    </message>
    <message>
        <source>not offered</source>
        <translation>提供なし</translation>
    </message>
    <message>
        <source>your full email address</source>
        <translation>自分の完全な電子メール アドレス</translation>
    </message>
    <message>
        <source>normal password</source>
        <translation>通常のパスワード</translation>
    </message>
    <message>
        <source>Mail settings</source>
        <translation>メールの設定</translation>
    </message>
    <message>
        <source>For addresses at %1.</source>
        <translation>%1 のアドレス用。</translation>
    </message>
    <message>
        <source>In the office (internal)</source>
        <translation>社内 (内部)</translation>
    </message>
    <message>
        <source>From outside (external)</source>
        <translation>社外 (外部)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>サーバー名</translation>
    </message>
    <message>
        <source>Port (encryption)</source>
        <translation>ポート (暗号化)</translation>
    </message>
    <message>
        <source>User name: %1</source>
        <translation>ユーザー名: %1</translation>
    </message>
    <message>
        <source>Password: the mailbox&apos;s password (authentication: %1)</source>
        <translation>パスワード: メールボックスのパスワード (認証: %1)</translation>
    </message>
    <message>
        <source>Outgoing mail needs authentication with the same user name and password.</source>
        <translation>送信メールには、同じユーザー名とパスワードによる認証が必要です。</translation>
    </message>
    <message>
        <source>  %1: %2, port %3</source>
        <translation>  %1: %2、ポート %3</translation>
    </message>
</context>
<context>
    <name>SettingsSchema</name>
    <message>
        <source>The server&apos;s fully qualified domain name, used in greetings and matched against TLS certificates. Empty: the machine&apos;s host name.</source>
        <comment>server.fqdn</comment>
        <translation>サーバーの完全修飾ドメイン名 (FQDN) です。あいさつで使用され、TLS 証明書と照合されます。空の場合: コンピューターのホスト名。</translation>
    </message>
    <message>
        <source>The name clients outside the office use to reach this server (the client-settings card, autoconfig, Autodiscover and DNS records). Empty: server.fqdn.</source>
        <comment>server.externalHostName</comment>
        <translation>社外のクライアントがこのサーバーに接続するときに使用する名前です (クライアントの設定カード、autoconfig、自動検出、DNS レコード)。空の場合: server.fqdn。</translation>
    </message>
    <message>
        <source>Whether the inbound SMTP (MX) listeners run. Off until an admin enables them.</source>
        <comment>smtp.enabled</comment>
        <translation>受信 SMTP (MX) の受信コネクタを実行するかどうかです。管理者が有効にするまではオフです。</translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>smtp.bindings</comment>
        <translation>STARTTLS で暗号化に切り替えられるプレーン テキスト接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>smtp.tlsBindings</comment>
        <translation>暗黙的な TLS 接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Most simultaneous inbound SMTP (MX) connections in total.</source>
        <comment>smtp.maxConnections</comment>
        <translation>受信 SMTP (MX) の同時接続の最大数 (合計) です。</translation>
    </message>
    <message>
        <source>Most simultaneous inbound SMTP (MX) connections from one remote address.</source>
        <comment>smtp.maxConnectionsPerAddress</comment>
        <translation>1 つのリモート アドレスからの 受信 SMTP (MX) の同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>smtp.timeoutSecs</comment>
        <translation>ログオンしていない接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>Whether inbound SMTP (MX) sessions are written to the protocol log.</source>
        <comment>smtp.protocolLog</comment>
        <translation>受信 SMTP (MX) のセッションをプロトコル ログに書き込むかどうかです。</translation>
    </message>
    <message>
        <source>The name clients use for the inbound SMTP (MX) listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>smtp.fqdn</comment>
        <translation>クライアントが 受信 SMTP (MX) の受信コネクタに使用する名前です (あいさつ、証明書との照合)。空の場合: server.fqdn。</translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the inbound SMTP (MX) listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>smtp.certificate</comment>
        <translation>受信 SMTP (MX) の受信コネクタの TLS 証明書の ID です (`tegamictl cert list`)。空の場合: tls.defaultCertificate。</translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (advertised with SIZE).</source>
        <comment>smtp.maxMessageSize</comment>
        <translation>受け付けるメッセージの最大サイズ (バイト) です (SIZE で通知されます)。</translation>
    </message>
    <message>
        <source>Most recipients per message.</source>
        <comment>smtp.maxRecipients</comment>
        <translation>1 つのメッセージあたりの受信者の最大数です。</translation>
    </message>
    <message>
        <source>Protocol errors before the server disconnects.</source>
        <comment>smtp.maxProtocolErrors</comment>
        <translation>サーバーが切断するまでのプロトコル エラーの数です。</translation>
    </message>
    <message>
        <source>Delay before answering after a failed command or login.</source>
        <comment>smtp.tarpitSecs</comment>
        <translation>コマンドまたはログオンが失敗した後、応答するまでの遅延です。</translation>
    </message>
    <message>
        <source>Text after the 220 greeting; empty for the default.</source>
        <comment>smtp.banner</comment>
        <translation>220 のあいさつの後に続くテキストです。空の場合は既定のテキストです。</translation>
    </message>
    <message>
        <source>Longest command line in bytes (RFC 5321 allows 512 plus room for extension parameters).</source>
        <comment>smtp.maxCommandLength</comment>
        <translation>コマンド行の最大長 (バイト) です (RFC 5321 では 512 に拡張パラメーター分を加えた長さを許可しています)。</translation>
    </message>
    <message>
        <source>Longest line of message text in bytes. RFC 5321 asks for at least 1000; longer lines are refused with 500 5.5.6.</source>
        <comment>smtp.maxLineLength</comment>
        <translation>メッセージ本文の 1 行の最大長 (バイト) です。RFC 5321 では 1000 以上が求められます。これより長い行は 500 5.5.6 で拒否されます。</translation>
    </message>
    <message>
        <source>What to do with a bare LF or CR in message text (SMTP smuggling): reject (default, refused with 5xx) or normalize (turned into CRLF).</source>
        <comment>smtp.bareLineEndings</comment>
        <translation>メッセージ本文中の単独の LF または CR の扱いです (SMTP スマグリング対策): reject (既定、5xx で拒否) または normalize (CRLF に変換)。</translation>
    </message>
    <message>
        <source>Networks (CIDR, e.g. 192.168.1.0/24) allowed to relay without logging in. Empty: nobody relays without authentication.</source>
        <comment>smtp.trustedNetworks</comment>
        <translation>ログオンせずにリレーできるネットワーク (CIDR 形式、例: 192.168.1.0/24) です。空の場合: 認証なしではだれもリレーできません。</translation>
    </message>
    <message>
        <source>Whether the SMTP submission listeners run. Off until an admin enables them.</source>
        <comment>submission.enabled</comment>
        <translation>SMTP 送信 (サブミッション) の受信コネクタを実行するかどうかです。管理者が有効にするまではオフです。</translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>submission.bindings</comment>
        <translation>STARTTLS で暗号化に切り替えられるプレーン テキスト接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>submission.tlsBindings</comment>
        <translation>暗黙的な TLS 接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Most simultaneous SMTP submission connections in total.</source>
        <comment>submission.maxConnections</comment>
        <translation>SMTP 送信 (サブミッション) の同時接続の最大数 (合計) です。</translation>
    </message>
    <message>
        <source>Most simultaneous SMTP submission connections from one remote address.</source>
        <comment>submission.maxConnectionsPerAddress</comment>
        <translation>1 つのリモート アドレスからの SMTP 送信 (サブミッション) の同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>submission.timeoutSecs</comment>
        <translation>ログオンしていない接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>Whether SMTP submission sessions are written to the protocol log.</source>
        <comment>submission.protocolLog</comment>
        <translation>SMTP 送信 (サブミッション) のセッションをプロトコル ログに書き込むかどうかです。</translation>
    </message>
    <message>
        <source>The name clients use for the SMTP submission listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>submission.fqdn</comment>
        <translation>クライアントが SMTP 送信 (サブミッション) の受信コネクタに使用する名前です (あいさつ、証明書との照合)。空の場合: server.fqdn。</translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the SMTP submission listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>submission.certificate</comment>
        <translation>SMTP 送信 (サブミッション) の受信コネクタの TLS 証明書の ID です (`tegamictl cert list`)。空の場合: tls.defaultCertificate。</translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (advertised with SIZE).</source>
        <comment>submission.maxMessageSize</comment>
        <translation>受け付けるメッセージの最大サイズ (バイト) です (SIZE で通知されます)。</translation>
    </message>
    <message>
        <source>Most recipients per message.</source>
        <comment>submission.maxRecipients</comment>
        <translation>1 つのメッセージあたりの受信者の最大数です。</translation>
    </message>
    <message>
        <source>Protocol errors before the server disconnects.</source>
        <comment>submission.maxProtocolErrors</comment>
        <translation>サーバーが切断するまでのプロトコル エラーの数です。</translation>
    </message>
    <message>
        <source>Delay before answering after a failed command or login.</source>
        <comment>submission.tarpitSecs</comment>
        <translation>コマンドまたはログオンが失敗した後、応答するまでの遅延です。</translation>
    </message>
    <message>
        <source>Text after the 220 greeting; empty for the default.</source>
        <comment>submission.banner</comment>
        <translation>220 のあいさつの後に続くテキストです。空の場合は既定のテキストです。</translation>
    </message>
    <message>
        <source>Longest command line in bytes (RFC 5321 allows 512 plus room for extension parameters).</source>
        <comment>submission.maxCommandLength</comment>
        <translation>コマンド行の最大長 (バイト) です (RFC 5321 では 512 に拡張パラメーター分を加えた長さを許可しています)。</translation>
    </message>
    <message>
        <source>Longest line of message text in bytes. RFC 5321 asks for at least 1000; longer lines are refused with 500 5.5.6.</source>
        <comment>submission.maxLineLength</comment>
        <translation>メッセージ本文の 1 行の最大長 (バイト) です。RFC 5321 では 1000 以上が求められます。これより長い行は 500 5.5.6 で拒否されます。</translation>
    </message>
    <message>
        <source>What to do with a bare LF or CR in message text (SMTP smuggling): reject (default, refused with 5xx) or normalize (turned into CRLF).</source>
        <comment>submission.bareLineEndings</comment>
        <translation>メッセージ本文中の単独の LF または CR の扱いです (SMTP スマグリング対策): reject (既定、5xx で拒否) または normalize (CRLF に変換)。</translation>
    </message>
    <message>
        <source>Refuse AUTH until the connection uses TLS. Turning this off sends passwords in clear text.</source>
        <comment>submission.requireTlsForAuth</comment>
        <translation>接続で TLS が使用されるまで AUTH を拒否します。オフにすると、パスワードが平文で送信されます。</translation>
    </message>
    <message>
        <source>Legacy: let an address that logged in by POP3 send for a few minutes without SMTP AUTH. Insecure with shared addresses (NAT); use only for old clients.</source>
        <comment>submission.popBeforeSmtp</comment>
        <translation>従来の方式: POP3 でログオンしたアドレスから、SMTP AUTH なしで数分間送信できるようにします。共有アドレス (NAT) では安全ではありません。古いクライアントのためだけに使用してください。</translation>
    </message>
    <message>
        <source>How long a POP3 login allows sending (POP-before-SMTP).</source>
        <comment>submission.popBeforeSmtpMinutes</comment>
        <translation>POP3 のログオン後に送信を許可する時間です (POP before SMTP)。</translation>
    </message>
    <message>
        <source>A logged-in user may send only as their own address or one of their aliases (MAIL FROM is checked).</source>
        <comment>submission.senderMustMatch</comment>
        <translation>ログオンしたユーザーは、自分のアドレスまたは自分のエイリアスとしてのみ送信できます (MAIL FROM を確認します)。</translation>
    </message>
    <message>
        <source>Whether the POP3 listeners run. Off until an admin enables them.</source>
        <comment>pop3.enabled</comment>
        <translation>POP3 の受信コネクタを実行するかどうかです。管理者が有効にするまではオフです。</translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>pop3.bindings</comment>
        <translation>STARTTLS で暗号化に切り替えられるプレーン テキスト接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>pop3.tlsBindings</comment>
        <translation>暗黙的な TLS 接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Most simultaneous POP3 connections in total.</source>
        <comment>pop3.maxConnections</comment>
        <translation>POP3 の同時接続の最大数 (合計) です。</translation>
    </message>
    <message>
        <source>Most simultaneous POP3 connections from one remote address.</source>
        <comment>pop3.maxConnectionsPerAddress</comment>
        <translation>1 つのリモート アドレスからの POP3 の同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>pop3.timeoutSecs</comment>
        <translation>ログオンしていない接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>Whether POP3 sessions are written to the protocol log.</source>
        <comment>pop3.protocolLog</comment>
        <translation>POP3 のセッションをプロトコル ログに書き込むかどうかです。</translation>
    </message>
    <message>
        <source>The name clients use for the POP3 listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>pop3.fqdn</comment>
        <translation>クライアントが POP3 の受信コネクタに使用する名前です (あいさつ、証明書との照合)。空の場合: server.fqdn。</translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the POP3 listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>pop3.certificate</comment>
        <translation>POP3 の受信コネクタの TLS 証明書の ID です (`tegamictl cert list`)。空の場合: tls.defaultCertificate。</translation>
    </message>
    <message>
        <source>secureLogin: TLS before any login (default). plainTextAuthentication: plain-text commands allowed but passwords only over TLS. plainTextLogin: passwords allowed without TLS (not recommended).</source>
        <comment>pop3.loginType</comment>
        <translation>secureLogin: ログオンの前に TLS が必要 (既定)。plainTextAuthentication: プレーン テキストのコマンドは許可、パスワードは TLS 経由のみ。plainTextLogin: TLS なしのパスワードを許可 (非推奨)。</translation>
    </message>
    <message>
        <source>Most simultaneous connections for one user.</source>
        <comment>pop3.maxConnectionsPerUser</comment>
        <translation>1 人のユーザーの同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Longest command line in bytes.</source>
        <comment>pop3.maxCommandSize</comment>
        <translation>コマンド行の最大長 (バイト) です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a logged-in connection is closed.</source>
        <comment>pop3.authenticatedTimeoutSecs</comment>
        <translation>ログオン済みの接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>For new mailboxes: which mail POP3 shows, all (every message in the INBOX) or new (only mail that arrives after the mailbox is created). Each mailbox can be changed later.</source>
        <comment>pop3.defaultScope</comment>
        <translation>新しいメールボックスの既定: POP3 に表示するメールです。all (受信トレイのすべてのメッセージ) または new (メールボックスの作成後に届いたメールのみ)。メールボックスごとに後から変更できます。</translation>
    </message>
    <message>
        <source>For new mailboxes: what happens on the server after a POP3 client downloads a message: keep it, mark it read, archive it, or delete it.</source>
        <comment>pop3.defaultAfterRetrieval</comment>
        <translation>新しいメールボックスの既定: POP3 クライアントがメッセージをダウンロードした後のサーバー上の処理です。保持、既読にする、アーカイブ、削除のいずれかです。</translation>
    </message>
    <message>
        <source>Whether the IMAP4 listeners run. Off until an admin enables them.</source>
        <comment>imap.enabled</comment>
        <translation>IMAP4 の受信コネクタを実行するかどうかです。管理者が有効にするまではオフです。</translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>imap.bindings</comment>
        <translation>STARTTLS で暗号化に切り替えられるプレーン テキスト接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>imap.tlsBindings</comment>
        <translation>暗黙的な TLS 接続のアドレスとポートです。</translation>
    </message>
    <message>
        <source>Most simultaneous IMAP4 connections in total.</source>
        <comment>imap.maxConnections</comment>
        <translation>IMAP4 の同時接続の最大数 (合計) です。</translation>
    </message>
    <message>
        <source>Most simultaneous IMAP4 connections from one remote address.</source>
        <comment>imap.maxConnectionsPerAddress</comment>
        <translation>1 つのリモート アドレスからの IMAP4 の同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>imap.timeoutSecs</comment>
        <translation>ログオンしていない接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>Whether IMAP4 sessions are written to the protocol log.</source>
        <comment>imap.protocolLog</comment>
        <translation>IMAP4 のセッションをプロトコル ログに書き込むかどうかです。</translation>
    </message>
    <message>
        <source>The name clients use for the IMAP4 listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>imap.fqdn</comment>
        <translation>クライアントが IMAP4 の受信コネクタに使用する名前です (あいさつ、証明書との照合)。空の場合: server.fqdn。</translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the IMAP4 listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>imap.certificate</comment>
        <translation>IMAP4 の受信コネクタの TLS 証明書の ID です (`tegamictl cert list`)。空の場合: tls.defaultCertificate。</translation>
    </message>
    <message>
        <source>secureLogin: TLS before any login (default). plainTextAuthentication: plain-text commands allowed but passwords only over TLS. plainTextLogin: passwords allowed without TLS (not recommended).</source>
        <comment>imap.loginType</comment>
        <translation>secureLogin: ログオンの前に TLS が必要 (既定)。plainTextAuthentication: プレーン テキストのコマンドは許可、パスワードは TLS 経由のみ。plainTextLogin: TLS なしのパスワードを許可 (非推奨)。</translation>
    </message>
    <message>
        <source>Most simultaneous connections for one user.</source>
        <comment>imap.maxConnectionsPerUser</comment>
        <translation>1 人のユーザーの同時接続の最大数です。</translation>
    </message>
    <message>
        <source>Longest command line in bytes.</source>
        <comment>imap.maxCommandSize</comment>
        <translation>コマンド行の最大長 (バイト) です。</translation>
    </message>
    <message>
        <source>Seconds of inactivity before a logged-in connection is closed.</source>
        <comment>imap.authenticatedTimeoutSecs</comment>
        <translation>ログオン済みの接続が閉じられるまでの無操作時間 (秒) です。</translation>
    </message>
    <message>
        <source>For new mailboxes: remove a message as soon as a client marks it deleted, without waiting for the client&apos;s EXPUNGE.</source>
        <comment>imap.defaultAutoExpunge</comment>
        <translation>新しいメールボックスの既定: クライアントがメッセージに削除済みの印を付けたら、クライアントの EXPUNGE を待たずにすぐに消去します。</translation>
    </message>
    <message>
        <source>For new mailboxes: what removing a message from a folder other than Trash does: trash (move it to Trash), archive (move it to Archive) or delete (standard IMAP).</source>
        <comment>imap.defaultDeleteAction</comment>
        <translation>新しいメールボックスの既定: ごみ箱以外のフォルダーからメッセージを削除したときの処理です。trash (ごみ箱に移動)、archive (アーカイブに移動)、delete (標準の IMAP) のいずれかです。</translation>
    </message>
    <message>
        <source>Oldest TLS version accepted: 1.2 (default, what every current client speaks) or 1.3. SSL 3.0 and TLS 1.0/1.1 are never accepted.</source>
        <comment>tls.minimumVersion</comment>
        <translation>受け付ける TLS の最も古いバージョンです: 1.2 (既定、現在のすべてのクライアントが対応) または 1.3。SSL 3.0 と TLS 1.0/1.1 は受け付けません。</translation>
    </message>
    <message>
        <source>Id of the TLS certificate used by every listener that has none of its own. Empty: no TLS until a certificate is assigned.</source>
        <comment>tls.defaultCertificate</comment>
        <translation>個別の証明書がないすべての受信コネクタが使用する TLS 証明書の ID です。空の場合: 証明書が割り当てられるまで TLS は使用されません。</translation>
    </message>
    <message>
        <source>Send all outgoing mail through this server (host:port, e.g. smtp.provider.example:587). Empty: deliver straight to each domain&apos;s MX hosts.</source>
        <comment>outbound.smarthost</comment>
        <translation>すべての送信メールをこのサーバー経由で送信します (ホスト:ポート、例: smtp.provider.example:587)。空の場合: 各ドメインの MX ホストに直接配信します。</translation>
    </message>
    <message>
        <source>Encryption to the smarthost: starttls (required, default), implicit (TLS from the start, usually port 465) or none (not recommended: the password crosses the network).</source>
        <comment>outbound.smarthostTls</comment>
        <translation>スマート ホストへの暗号化です: starttls (必須、既定)、implicit (最初から TLS、通常はポート 465)、none (非推奨: パスワードがネットワーク上を平文で流れます)。</translation>
    </message>
    <message>
        <source>User name for AUTH at the smarthost; empty: no AUTH.</source>
        <comment>outbound.smarthostUser</comment>
        <translation>スマート ホストでの AUTH のユーザー名です。空の場合: AUTH を使用しません。</translation>
    </message>
    <message>
        <source>Password for AUTH at the smarthost. Stored in settings.json (readable only by the service&apos;s account); never shown or logged.</source>
        <comment>outbound.smarthostPassword</comment>
        <translation>スマート ホストでの AUTH のパスワードです。settings.json に保存され (サービスのアカウントのみ読み取り可能)、表示やログへの記録は行われません。</translation>
    </message>
    <message>
        <source>Check the smarthost&apos;s TLS certificate against the system&apos;s trusted roots and its name.</source>
        <comment>outbound.smarthostVerifyCertificate</comment>
        <translation>スマート ホストの TLS 証明書を、システムの信頼されたルート証明書と名前に照らして検証します。</translation>
    </message>
    <message>
        <source>Fixed next hops for some domains, as domain=host:port (e.g. branch.example=10.0.0.5:25); they take precedence over the smarthost and MX records.</source>
        <comment>outbound.routes</comment>
        <translation>特定のドメインの固定の次ホップです。ドメイン=ホスト:ポート の形式で指定します (例: branch.example=10.0.0.5:25)。スマート ホストと MX レコードより優先されます。</translation>
    </message>
    <message>
        <source>Refuse to deliver to MX hosts without STARTTLS (off: TLS when offered, as most servers do).</source>
        <comment>outbound.requireTls</comment>
        <translation>STARTTLS のない MX ホストへの配信を拒否します (オフ: 提供されていれば TLS を使用。多くのサーバーと同じ動作)。</translation>
    </message>
    <message>
        <source>Seconds to wait for a remote server to accept the connection (and, for implicit TLS, to finish the handshake); the greeting then has the 5 minutes RFC 5321 gives it.</source>
        <comment>outbound.connectTimeoutSecs</comment>
        <translation>リモート サーバーが接続を受け付けるまで (暗黙的な TLS の場合はハンドシェイクが完了するまで) 待つ秒数です。その後のあいさつには RFC 5321 が定める 5 分が適用されます。</translation>
    </message>
    <message>
        <source>Wait before the first retry of a temporary failure; each later wait doubles.</source>
        <comment>outbound.retrySecs</comment>
        <translation>一時的な失敗の後、最初に再試行するまでの待ち時間です。以降の待ち時間は毎回 2 倍になります。</translation>
    </message>
    <message>
        <source>Longest wait between two retries.</source>
        <comment>outbound.maxRetrySecs</comment>
        <translation>再試行の間隔の最大値です。</translation>
    </message>
    <message>
        <source>Tell the sender that a message is delayed after this many hours (0: never).</source>
        <comment>outbound.delayNoticeHours</comment>
        <translation>この時間が過ぎたら、メッセージの遅延を送信者に通知します (0: 通知しない)。</translation>
    </message>
    <message>
        <source>Give up and return a message to its sender after this many hours (120 = 5 days).</source>
        <comment>outbound.maxQueueHours</comment>
        <translation>この時間が過ぎたら配信をあきらめ、メッセージを送信者に返します (120 = 5 日)。</translation>
    </message>
    <message>
        <source>Most outbound connections at once.</source>
        <comment>outbound.maxConcurrentDeliveries</comment>
        <translation>同時に開く送信接続の最大数です。</translation>
    </message>
    <message>
        <source>Protocol log: start a new file when the current one reaches this size.</source>
        <comment>log.maxFileSizeMB</comment>
        <translation>プロトコル ログ: 現在のファイルがこのサイズに達したら新しいファイルを開始します。</translation>
    </message>
    <message>
        <source>Protocol log: delete the oldest files when the folder exceeds this size.</source>
        <comment>log.maxDirectorySizeMB</comment>
        <translation>プロトコル ログ: フォルダーがこのサイズを超えたら古いファイルから削除します。</translation>
    </message>
    <message>
        <source>Protocol log: delete files older than this many days.</source>
        <comment>log.maxAgeDays</comment>
        <translation>プロトコル ログ: この日数より古いファイルを削除します。</translation>
    </message>
    <message>
        <source>Failed logins from one address within the window before it is banned.</source>
        <comment>security.maxFailuresPerAddress</comment>
        <translation>アドレスがブロックされるまでの、集計期間内の 1 つのアドレスからのログオン失敗回数です。</translation>
    </message>
    <message>
        <source>Failed logins for one account within the window before it is locked.</source>
        <comment>security.maxFailuresPerAccount</comment>
        <translation>アカウントがロックされるまでの、集計期間内の 1 つのアカウントのログオン失敗回数です。</translation>
    </message>
    <message>
        <source>The window in which failed logins are counted.</source>
        <comment>security.failureWindowSecs</comment>
        <translation>ログオン失敗を数える期間です。</translation>
    </message>
    <message>
        <source>How long a ban lasts.</source>
        <comment>security.banSecs</comment>
        <translation>ブロックが続く時間です。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Tegami mail server console</source>
        <translation>Tegami メール サーバー コンソール</translation>
    </message>
    <message>
        <source>The service&apos;s data directory (default: %1).</source>
        <translation>サービスのデータ ディレクトリ (既定: %1)。</translation>
    </message>
    <message>
        <source>Do not start tegamid when no service answers; wait for one.</source>
        <translation>サービスが応答しないときに tegamid を起動せず、起動を待ちます。</translation>
    </message>
    <message>
        <source>The console&apos;s language: en or ja (default: the Console language setting, else the system locale).</source>
        <translation>コンソールの言語: en または ja (既定: [コンソールの言語] の設定、なければシステムのロケール)。</translation>
    </message>
    <message>
        <source>Save a picture of every page into DIR and exit (documentation, checks).</source>
        <translation>すべてのページの画像を DIR に保存して終了します (ドキュメント、確認用)。</translation>
    </message>
    <message>
        <source>Print how long the window took to paint first, then exit (benchmark).</source>
        <translation>ウィンドウの最初の描画までの時間を表示して終了します (ベンチマーク)。</translation>
    </message>
    <message>
        <source>Open the first setup wizard once connected.</source>
        <translation>接続したら初期セットアップ ウィザードを開きます。</translation>
    </message>
</context>
<context>
    <name>tegami::AccountsPage</name>
    <message>
        <source>&lt;h2&gt;Accounts&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;アカウント&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>メールボックス</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>承認済みドメイン</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
</context>
<context>
    <name>tegami::ActivityChart</name>
    <message>
        <source>Activity chart: waiting for the service...</source>
        <translation>アクティビティ グラフ: サービスを待っています...</translation>
    </message>
    <message>
        <source>Activity chart: %1</source>
        <translation>アクティビティ グラフ: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation>毎分</translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation>%1 の接続</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>受信したメッセージ</translation>
    </message>
    <message>
        <source>Messages delivered</source>
        <translation>配信したメッセージ</translation>
    </message>
</context>
<context>
    <name>tegami::AdminPage</name>
    <message>
        <source>Administrator account</source>
        <translation>管理者アカウント</translation>
    </message>
    <message>
        <source>The account that receives the server&apos;s reports (postmaster mail, delivery problems).</source>
        <translation>サーバーからのレポート (postmaster 宛てのメール、配信の問題) を受け取るアカウントです。</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>アドレス:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>パスワードの確認:</translation>
    </message>
    <message>
        <source>&lt;b&gt;This account cannot read mail over POP3 or IMAP4.&lt;/b&gt; An administrator&apos;s password opens the whole server, so it should never travel with everyday mail programs, which keep it on phones and laptops and send it every few minutes. Create a normal mailbox for your own mail on the next page.</source>
        <translation>&lt;b&gt;このアカウントでは POP3 や IMAP4 でメールを読むことはできません。&lt;/b&gt;管理者のパスワードはサーバー全体を操作できるため、日常のメール プログラムで使用しないでください。メール プログラムはパスワードをスマートフォンやノート PC に保存し、数分ごとに送信します。ご自身のメール用には、次のページで通常のメールボックスを作成してください。</translation>
    </message>
</context>
<context>
    <name>tegami::AliasModel</name>
    <message>
        <source>Alias</source>
        <translation>エイリアス</translation>
    </message>
    <message>
        <source>Delivers to</source>
        <translation>配信先</translation>
    </message>
</context>
<context>
    <name>tegami::AliasesPanel</name>
    <message>
        <source>sales@example.com</source>
        <translation>sales@example.com</translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation>エイリアス:</translation>
    </message>
    <message>
        <source>alice@example.com, bob@example.com</source>
        <translation>alice@example.com, bob@example.com</translation>
    </message>
    <message>
        <source>Delivers to:</source>
        <translation>配信先:</translation>
    </message>
    <message>
        <source>Add alias</source>
        <translation>エイリアスの追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Alias %1 added.</source>
        <translation>エイリアス %1 を追加しました。</translation>
    </message>
    <message>
        <source>Remove alias</source>
        <translation>エイリアスの削除</translation>
    </message>
    <message>
        <source>Remove the alias %1?</source>
        <translation>エイリアス %1 を削除しますか?</translation>
    </message>
    <message>
        <source>Alias %1 removed.</source>
        <translation>エイリアス %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>tegami::ApplyPlan</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Every step was applied.</source>
        <translation>すべての手順を適用しました。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 failed:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1 に失敗しました:&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;対処方法:&lt;/b&gt; %1</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was left half-applied: the %n step(s) already made were undone. Fix the problem and press Apply again.</source>
        <translation>
            <numerusform>途中まで適用された変更はありません。既に行った %n 個の手順は元に戻しました。問題を修正して、もう一度 [適用] を押してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;These could not be undone; check them by hand:&lt;/b&gt;</source>
        <translation>&lt;b&gt;次の変更は元に戻せませんでした。手動で確認してください:&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>tegami::BanModel</name>
    <message>
        <source>Banned</source>
        <translation>ブロック対象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation>ログオン失敗回数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>tegami::BindingProbe</name>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1 (プロセス %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address.</source>
        <translation>&apos;%1&apos; は IP アドレスではありません。</translation>
    </message>
    <message>
        <source>Use 0.0.0.0 (every IPv4 address), :: (every IPv6 address) or one address of this machine.</source>
        <translation>0.0.0.0 (すべての IPv4 アドレス)、:: (すべての IPv6 アドレス)、またはこのコンピューターのアドレスのいずれかを使用してください。</translation>
    </message>
    <message>
        <source>This machine has no address %1.</source>
        <translation>このコンピューターにはアドレス %1 がありません。</translation>
    </message>
    <message>
        <source>Use 0.0.0.0 or one of: %1.</source>
        <translation>0.0.0.0 または次のいずれかを使用してください: %1。</translation>
    </message>
    <message>
        <source>Port %1 does not exist.</source>
        <translation>ポート %1 は存在しません。</translation>
    </message>
    <message>
        <source>Use a port from 1 to 65535.</source>
        <translation>1 ～ 65535 のポートを使用してください。</translation>
    </message>
    <message>
        <source>%1 (%2) also wants %3.</source>
        <translation>%1 (%2) も %3 を使用しようとしています。</translation>
    </message>
    <message>
        <source>Two Tegami listeners cannot share an address and port: give one another port, or bind them to different addresses of this machine.</source>
        <translation>2 つの Tegami の受信コネクタで同じアドレスとポートを共有することはできません。一方に別のポートを指定するか、このコンピューターの別のアドレスにバインドしてください。</translation>
    </message>
    <message>
        <source>Tegami&apos;s %1 listener already uses %2.</source>
        <translation>Tegami の %1 の受信コネクタが既に %2 を使用しています。</translation>
    </message>
    <message>
        <source>Choose another port, or change the %1 bindings first.</source>
        <translation>別のポートを選択するか、先に %1 のバインドを変更してください。</translation>
    </message>
    <message>
        <source>Tegami (%1)</source>
        <translation>Tegami (%1)</translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use by another program.</source>
        <translation>%2 のポート %1 は既に別のプログラムで使用されています。</translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use by %3.</source>
        <translation>%2 のポート %1 は既に %3 で使用されています。</translation>
    </message>
    <message>
        <source>Stop or reconfigure that program (`sudo ss -ltnp &apos;sport = :%1&apos;` shows which), or choose another port.</source>
        <translation>そのプログラムを停止するか構成を変更してください (`sudo ss -ltnp &apos;sport = :%1&apos;` で確認できます)。または別のポートを選択してください。</translation>
    </message>
    <message>
        <source>Stop or reconfigure %1, or choose another port.</source>
        <translation>%1 を停止するか構成を変更してください。または別のポートを選択してください。</translation>
    </message>
    <message>
        <source>Ports below %1 need a privilege the service does not have.</source>
        <translation>%1 未満のポートには、サービスにない特権が必要です。</translation>
    </message>
    <message>
        <source>With systemd: `sudo systemctl edit tegamid`, add under [Service] the line `AmbientCapabilities=CAP_NET_BIND_SERVICE`, then `sudo systemctl restart tegamid`. Started by hand: `sudo setcap cap_net_bind_service=+ep %1` and start it again. Or choose a port from %2 up.</source>
        <translation>systemd の場合: `sudo systemctl edit tegamid` を実行し、[Service] の下に `AmbientCapabilities=CAP_NET_BIND_SERVICE` の行を追加してから、`sudo systemctl restart tegamid` を実行してください。手動で起動している場合: `sudo setcap cap_net_bind_service=+ep %1` を実行してから起動し直してください。または %2 以上のポートを選択してください。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The firewall must let in TCP %1 from where your users and other mail servers connect (for example `sudo ufw allow %2/tcp` or `sudo firewall-cmd --permanent --add-port=%2/tcp`).</source>
        <translation>ユーザーや他のメール サーバーの接続元から TCP %1 を受け入れるように、ファイアウォールを設定する必要があります (例: `sudo ufw allow %2/tcp` または `sudo firewall-cmd --permanent --add-port=%2/tcp`)。</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>プログラム</translation>
    </message>
</context>
<context>
    <name>tegami::CertificateCheckView</name>
    <message>
        <source>No certificate found: the file must hold PEM text starting with -----BEGIN CERTIFICATE-----.</source>
        <translation>証明書が見つかりません。ファイルには -----BEGIN CERTIFICATE----- で始まる PEM テキストが含まれている必要があります。</translation>
    </message>
    <message>
        <source>Covered by the wildcard %1</source>
        <translation>ワイルドカード %1 に含まれます</translation>
    </message>
    <message>
        <source>Matches %1</source>
        <translation>%1 に一致</translation>
    </message>
    <message>
        <source>Does not cover %1: mail programs will refuse the connection or warn. The certificate is for %2.</source>
        <translation>%1 は対象外です。メール プログラムは接続を拒否するか、警告を表示します。この証明書は %2 用です。</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>受信コネクタ</translation>
    </message>
    <message>
        <source>Name clients use</source>
        <translation>クライアントが使用する名前</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>No certificate chosen yet.</source>
        <translation>証明書がまだ選択されていません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Names:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;名前:&lt;/b&gt; %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Expires:&lt;/b&gt; %1 (in %n day(s))</source>
        <translation>
            <numerusform>&lt;b&gt;有効期限:&lt;/b&gt; %1 (あと %n 日)</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Expired&lt;/b&gt; on %1: mail programs refuse it.</source>
        <translation>&lt;b&gt;%1 に期限切れ&lt;/b&gt;: メール プログラムはこの証明書を拒否します。</translation>
    </message>
    <message>
        <source> — renew it soon.</source>
        <translation> — 早めに更新してください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; issued by an authority mail programs trust.</source>
        <translation>&lt;b&gt;信頼:&lt;/b&gt; メール プログラムが信頼する証明機関によって発行されています。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; self-signed. Mail programs warn until each device is told to trust it; fine for testing or a small office that installs it on every device.</source>
        <translation>&lt;b&gt;信頼:&lt;/b&gt; 自己署名。各デバイスで信頼するように設定するまで、メール プログラムは警告を表示します。テストや、すべてのデバイスに証明書をインストールする小規模オフィスに適しています。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; not trusted here (%1). Add the authority&apos;s intermediate certificates to the file, or check that the authority is a public one.</source>
        <translation>&lt;b&gt;信頼:&lt;/b&gt; このサーバーでは信頼されていません (%1)。証明機関の中間証明書をファイルに追加するか、証明機関が公的なものであることを確認してください。</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>tegami::CertificateModel</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>対象の名前</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>self-signed</source>
        <translation>自己署名</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用先</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信頼</translation>
    </message>
    <message>
        <source>trusted</source>
        <translation>信頼済み</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>tegami::CertificatePage</name>
    <message>
        <source>Choose a file.</source>
        <translation>ファイルを選択してください。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MB: not a certificate file.</source>
        <translation>%1 は 1 MB を超えているため、証明書ファイルではありません。</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>Mail programs check that the certificate covers the name they connect to and that they trust who issued it.</source>
        <translation>メール プログラムは、接続先の名前が証明書に含まれていること、および発行者を信頼できることを確認します。</translation>
    </message>
    <message>
        <source>Generate a self-signed certificate (works at once; each device must be told to trust it)</source>
        <translation>自己署名証明書を生成する (すぐに使用できます。各デバイスで信頼する設定が必要です)</translation>
    </message>
    <message>
        <source>Import a certificate and key (PEM files)</source>
        <translation>証明書とキーをインポートする (PEM ファイル)</translation>
    </message>
    <message>
        <source>Import a PKCS#12 file (.pfx, .p12)</source>
        <translation>PKCS#12 ファイルをインポートする (.pfx、.p12)</translation>
    </message>
    <message>
        <source>Create a request (CSR) for a certificate authority</source>
        <translation>証明機関への要求 (CSR) を作成する</translation>
    </message>
    <message>
        <source>Complete a request with the authority&apos;s answer</source>
        <translation>証明機関の回答で要求を完了する</translation>
    </message>
    <message>
        <source>other names clients use, separated by commas (optional)</source>
        <translation>クライアントが使用するその他の名前 (コンマ区切り、省略可能)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Name (CN):</source>
        <translation>名前 (CN):</translation>
    </message>
    <message>
        <source>Also for:</source>
        <translation>追加の名前:</translation>
    </message>
    <message>
        <source>Valid for:</source>
        <translation>有効期間:</translation>
    </message>
    <message>
        <source>Certificate (PEM):</source>
        <translation>証明書 (PEM):</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>証明書 (*.pem *.crt *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>秘密キー:</translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>キー (*.pem *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>empty when the certificate file holds the key too</source>
        <translation>証明書ファイルにキーも含まれている場合は空のまま</translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation>暗号化されたキーの場合のみ</translation>
    </message>
    <message>
        <source>Key passphrase:</source>
        <translation>キーのパスフレーズ:</translation>
    </message>
    <message>
        <source>PKCS#12 file:</source>
        <translation>PKCS#12 ファイル:</translation>
    </message>
    <message>
        <source>PKCS#12 (*.pfx *.p12);;All files (*)</source>
        <translation>PKCS#12 (*.pfx *.p12);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>two letters, e.g. JP</source>
        <translation>2 文字 (例: JP)</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>組織:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>国:</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>要求:</translation>
    </message>
    <message>
        <source>Authority&apos;s answer (PEM):</source>
        <translation>証明機関の回答 (PEM):</translation>
    </message>
    <message>
        <source>Every protocol (the default certificate)</source>
        <translation>すべてのプロトコル (既定の証明書)</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>%1 のみ</translation>
    </message>
    <message>
        <source>Use it for:</source>
        <translation>使用先:</translation>
    </message>
    <message>
        <source>Assign it anyway (the listeners it does not fit offer no TLS)</source>
        <translation>それでも割り当てる (一致しない受信コネクタは TLS を提供しません)</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>参照...</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルの選択</translation>
    </message>
    <message>
        <source>%1 (created %2)</source>
        <translation>%1 (%2 に作成)</translation>
    </message>
    <message>
        <source>This file holds no private key: choose the key file too.</source>
        <translation>このファイルには秘密キーが含まれていません。キー ファイルも選択してください。</translation>
    </message>
    <message>
        <source>Cannot open this PKCS#12 file: the password is wrong or it is not a PKCS#12 file.</source>
        <translation>この PKCS#12 ファイルを開けません。パスワードが間違っているか、PKCS#12 ファイルではありません。</translation>
    </message>
    <message>
        <source>The country is two letters (ISO 3166), for example JP or DE.</source>
        <translation>国は 2 文字 (ISO 3166) で指定します (例: JP、DE)。</translation>
    </message>
    <message numerus="yes">
        <source>The certificate does not cover %n listener name(s) above. Use a certificate issued for those names, change the names (server.fqdn, &lt;protocol&gt;.fqdn), or tick &quot;Assign it anyway&quot;.</source>
        <translation>
            <numerusform>証明書は上記の受信コネクタ名のうち %n 個を含んでいません。それらの名前用に発行された証明書を使用するか、名前 (server.fqdn、&lt;protocol&gt;.fqdn) を変更するか、[それでも割り当てる] をオンにしてください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::CertificateWizard</name>
    <message>
        <source>TLS certificate</source>
        <translation>TLS 証明書</translation>
    </message>
    <message>
        <source>Create a key and a request for %1</source>
        <translation>%1 のキーと要求を作成</translation>
    </message>
</context>
<context>
    <name>tegami::CertificatesPage</name>
    <message>
        <source>&lt;h2&gt;Certificates&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;証明書&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Use by protocol</source>
        <translation>プロトコルごとの使用</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Certificates in the store</source>
        <translation>ストア内の証明書</translation>
    </message>
    <message>
        <source>Mail programs check that the certificate covers the name they connect to and that it is signed by an authority they trust.</source>
        <translation>メール プログラムは、接続先の名前が証明書に含まれていること、および信頼する証明機関によって署名されていることを確認します。</translation>
    </message>
    <message>
        <source>Fits %1</source>
        <translation>%1 に一致</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>&amp;New or imported certificate...</source>
        <translation>新規またはインポートした証明書(&amp;N)...</translation>
    </message>
    <message>
        <source>every protocol (default)</source>
        <translation>すべてのプロトコル (既定)</translation>
    </message>
    <message>
        <source>&amp;Use for</source>
        <translation>使用先(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation>先に証明書を選択してください。</translation>
    </message>
    <message>
        <source>Certificate does not fit</source>
        <translation>証明書が一致しません</translation>
    </message>
    <message>
        <source>Use it anyway</source>
        <translation>それでも使用する</translation>
    </message>
    <message>
        <source>Certificate assigned; new connections use it.</source>
        <translation>証明書を割り当てました。新しい接続からこの証明書が使用されます。</translation>
    </message>
    <message>
        <source>Remove certificate</source>
        <translation>証明書の削除</translation>
    </message>
    <message>
        <source>Remove the certificate %1 and its private key from the server? This cannot be undone.</source>
        <translation>証明書 %1 とその秘密キーをサーバーから削除しますか? この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Certificate removed.</source>
        <translation>証明書を削除しました。</translation>
    </message>
    <message>
        <source>There is no certificate yet, so no listener can offer TLS. Generate a self-signed one or import one with &quot;New or imported certificate...&quot; below (or `tegamictl cert generate`).</source>
        <translation>証明書がまだないため、どの受信コネクタも TLS を提供できません。下の [新規またはインポートした証明書...] で自己署名証明書を生成するか、証明書をインポートしてください (または `tegamictl cert generate`)。</translation>
    </message>
</context>
<context>
    <name>tegami::ClientSettingsCard</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>as configured</source>
        <translation>構成どおり</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Show the card for these server names (nothing is changed on the server)</source>
        <translation>これらのサーバー名でカードを表示します (サーバーの設定は変更されません)</translation>
    </message>
    <message>
        <source>Internal server name:</source>
        <translation>内部サーバー名:</translation>
    </message>
    <message>
        <source>External server name:</source>
        <translation>外部サーバー名:</translation>
    </message>
    <message>
        <source>Asking the service for the client settings...</source>
        <translation>サービスにクライアントの設定を問い合わせています...</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the card, to paste into a mail or a document</source>
        <translation>カードをコピーして、メールや文書に貼り付けます</translation>
    </message>
    <message>
        <source>Save as HTML...</source>
        <translation>HTML として保存...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>印刷...</translation>
    </message>
    <message>
        <source>Export for:</source>
        <translation>エクスポート対象:</translation>
    </message>
    <message>
        <source>The mail domain the exported files describe</source>
        <translation>エクスポートするファイルの対象となるメール ドメイン</translation>
    </message>
    <message>
        <source>External access</source>
        <translation>外部からのアクセス</translation>
    </message>
    <message>
        <source>Internal access</source>
        <translation>内部からのアクセス</translation>
    </message>
    <message>
        <source>Thunderbird autoconfig...</source>
        <translation>Thunderbird の autoconfig...</translation>
    </message>
    <message>
        <source>config-v1.1.xml, served at autoconfig.&lt;domain&gt;/mail/config-v1.1.xml</source>
        <translation>config-v1.1.xml (autoconfig.&lt;ドメイン&gt;/mail/config-v1.1.xml で公開)</translation>
    </message>
    <message>
        <source>Outlook Autodiscover...</source>
        <translation>Outlook の自動検出 (Autodiscover)...</translation>
    </message>
    <message>
        <source>autodiscover.xml, served at autodiscover.&lt;domain&gt;/autodiscover/autodiscover.xml</source>
        <translation>autodiscover.xml (autodiscover.&lt;ドメイン&gt;/autodiscover/autodiscover.xml で公開)</translation>
    </message>
    <message>
        <source>DNS records...</source>
        <translation>DNS レコード...</translation>
    </message>
    <message>
        <source>The MX, SPF and SRV (RFC 6186, RFC 8314) records to publish</source>
        <translation>公開する MX、SPF、SRV (RFC 6186、RFC 8314) レコード</translation>
    </message>
    <message>
        <source>The client settings are not available: %1</source>
        <translation>クライアントの設定を取得できません: %1</translation>
    </message>
    <message>
        <source>(no domain yet)</source>
        <translation>(ドメインがまだありません)</translation>
    </message>
    <message>
        <source>mail-settings.html</source>
        <translation>mail-settings.html</translation>
    </message>
    <message>
        <source>HTML pages (*.html *.htm)</source>
        <translation>HTML ページ (*.html *.htm)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>Print the client settings</source>
        <translation>クライアントの設定の印刷</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>XML files (*.xml);;All files (*)</source>
        <translation>XML ファイル (*.xml);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.zone);;All files (*)</source>
        <translation>テキスト ファイル (*.txt *.zone);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Before you hand this out:</source>
        <translation>配布する前に確認してください:</translation>
    </message>
</context>
<context>
    <name>tegami::ClientSettingsPage</name>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>port %1, %2</source>
        <translation>ポート %1、%2</translation>
    </message>
    <message>
        <source>Give your users these settings for their mail programs.</source>
        <translation>ユーザーのメール プログラム用に、次の設定をユーザーに伝えてください。</translation>
    </message>
    <message>
        <source>In the office</source>
        <translation>社内</translation>
    </message>
    <message>
        <source>From outside</source>
        <translation>社外</translation>
    </message>
    <message>
        <source>server %1</source>
        <translation>サーバー %1</translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation>IMAP4</translation>
    </message>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>Outgoing (SMTP)</source>
        <translation>送信 (SMTP)</translation>
    </message>
    <message>
        <source>User name: %1</source>
        <translation>ユーザー名: %1</translation>
    </message>
    <message>
        <source>Authentication: %1</source>
        <translation>認証: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message>
        <source>port %1, %2%3</source>
        <translation>ポート %1、%2%3</translation>
    </message>
    <message>
        <source> (not running: %1)</source>
        <translation> (実行されていません: %1)</translation>
    </message>
    <message>
        <source>User name: the full e-mail address. Authentication: normal password.</source>
        <translation>ユーザー名: 完全な電子メール アドレス。認証: 通常のパスワード。</translation>
    </message>
</context>
<context>
    <name>tegami::ConfigurationChecksPanel</name>
    <message>
        <source>Checking the configuration...</source>
        <translation>構成を確認しています...</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>再確認</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>検出内容</translation>
    </message>
    <message>
        <source>Fix it on</source>
        <translation>修正する場所</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation>プロトコル ログ</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>セキュリティ</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>The configuration could not be checked: %1</source>
        <translation>構成を確認できませんでした: %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 を開く</translation>
    </message>
    <message>
        <source>No problems found in the configuration.</source>
        <translation>構成に問題は見つかりませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>No problems found; %n note(s) below.</source>
        <translation>
            <numerusform>問題は見つかりませんでした。下に %n 件の注意があります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found. Each row says where to fix it.</source>
        <translation>
            <numerusform>%n 件の問題が見つかりました。各行に修正する場所が表示されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>First setup</source>
        <translation>初期セットアップ</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>%1 wizard...</source>
        <translation>%1 ウィザード...</translation>
    </message>
    <message>
        <source>The wizard walks through the fix step by step</source>
        <translation>ウィザードで、修正を順を追って行えます</translation>
    </message>
    <message>
        <source>Or with</source>
        <translation>または次を使用</translation>
    </message>
</context>
<context>
    <name>tegami::ConnectivityTestPanel</name>
    <message>
        <source>plain text</source>
        <translation>プレーン テキスト</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>implicit TLS</source>
        <translation>暗黙的な TLS</translation>
    </message>
    <message>
        <source>The service connects to its own listeners the way a mail client does: it logs in, sends a test message through authenticated SMTP, finds it by IMAP4 and POP3 and deletes it. Each step says whether it worked, how long it took and why it failed.</source>
        <translation>サービスがメール クライアントと同じ方法で自身の受信コネクタに接続します。ログオンし、認証済み SMTP でテスト メッセージを送信し、IMAP4 と POP3 でそのメッセージを見つけて削除します。各手順について、成功したかどうか、かかった時間、失敗した理由を表示します。</translation>
    </message>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation>IMAP4</translation>
    </message>
    <message>
        <source>SMTP (authenticated submission)</source>
        <translation>SMTP (認証済みの送信)</translation>
    </message>
    <message>
        <source>Protocols:</source>
        <translation>プロトコル:</translation>
    </message>
    <message>
        <source>as configured (this server&apos;s listeners)</source>
        <translation>構成どおり (このサーバーの受信コネクタ)</translation>
    </message>
    <message>
        <source>as configured</source>
        <translation>構成どおり</translation>
    </message>
    <message>
        <source>As configured</source>
        <translation>構成どおり</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>プレーン テキスト</translation>
    </message>
    <message>
        <source>Implicit TLS (SSL)</source>
        <translation>暗黙的な TLS (SSL)</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>ポート:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>接続:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>サーバー:</translation>
    </message>
    <message>
        <source>Use a temporary test mailbox (created for the test and removed after it)</source>
        <translation>一時的なテスト用メールボックスを使用する (テスト用に作成し、テスト後に削除します)</translation>
    </message>
    <message>
        <source>Use this mailbox:</source>
        <translation>次のメールボックスを使用する:</translation>
    </message>
    <message>
        <source>user@example.com</source>
        <translation>user@example.com</translation>
    </message>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation>メールボックス:</translation>
    </message>
    <message>
        <source>Trust any certificate (self-signed setups)</source>
        <translation>すべての証明書を信頼する (自己署名証明書の環境)</translation>
    </message>
    <message>
        <source>Login only (skip sending and fetching a message)</source>
        <translation>ログオンのみ (メッセージの送信と取得を省略)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long each step may take before it counts as failed.</source>
        <translation>各手順が失敗と見なされるまでの時間です。</translation>
    </message>
    <message>
        <source>Step timeout:</source>
        <translation>手順のタイムアウト:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>オプション:</translation>
    </message>
    <message>
        <source>Run the test</source>
        <translation>テストの実行</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>待ち時間</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation>プロトコル ログ</translation>
    </message>
    <message>
        <source>Enter the test mailbox&apos;s address and password, or use a temporary test mailbox.</source>
        <translation>テスト用メールボックスのアドレスとパスワードを入力するか、一時的なテスト用メールボックスを使用してください。</translation>
    </message>
    <message>
        <source>Testing... the service is connecting to its listeners.</source>
        <translation>テスト中... サービスが受信コネクタに接続しています。</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>テストを実行できませんでした: %1</translation>
    </message>
    <message>
        <source>Every test passed, with %1.</source>
        <translation>すべてのテストに成功しました (%1)。</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 protocol test(s) failed, with %2. The details say why; the protocol log shows each session.</source>
        <translation>
            <numerusform>%1 件中 %n 件のプロトコル テストに失敗しました (%2)。理由は詳細に、各セッションはプロトコル ログに表示されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation>テストに失敗しました。</translation>
    </message>
    <message>
        <source>%1 on %2:%3 (%4)</source>
        <translation>%1 (%2:%3、%4)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ミリ秒</translation>
    </message>
    <message>
        <source>Show session %1</source>
        <translation>セッション %1 を表示</translation>
    </message>
    <message>
        <source>Open this session&apos;s transcript in the protocol log</source>
        <translation>このセッションの記録をプロトコル ログで開きます</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>the temporary mailbox %1</source>
        <translation>一時的なメールボックス %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意: %1</translation>
    </message>
    <message>
        <source>A port applies to a test of one protocol; as configured, every listener is tested.</source>
        <translation>ポートは 1 つのプロトコルのテストにのみ適用されます。[構成どおり] の場合は、すべての受信コネクタをテストします。</translation>
    </message>
</context>
<context>
    <name>tegami::DashboardPage</name>
    <message>
        <source>Connecting to the service...</source>
        <translation>サービスに接続しています...</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>受信コネクタ</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Current sessions</source>
        <translation>現在のセッション</translation>
    </message>
    <message>
        <source>Disconnect session</source>
        <translation>セッションの切断</translation>
    </message>
    <message>
        <source>Configuration warnings</source>
        <translation>構成の警告</translation>
    </message>
    <message>
        <source>Activity in the last 3 hours</source>
        <translation>過去 3 時間のアクティビティ</translation>
    </message>
    <message>
        <source>&lt;li&gt;No protocol is enabled, so nothing listens for mail. Enable one on the Protocols page.&lt;/li&gt;</source>
        <translation>&lt;li&gt;有効なプロトコルがないため、メールを待ち受けていません。[プロトコル] ページでプロトコルを有効にしてください。&lt;/li&gt;</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>受信したメッセージ</translation>
    </message>
    <message>
        <source>Delivered to mailboxes</source>
        <translation>メールボックスに配信</translation>
    </message>
    <message>
        <source>Sent to other servers</source>
        <translation>他のサーバーに送信</translation>
    </message>
    <message>
        <source>Deferred (will retry)</source>
        <translation>延期 (再試行します)</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>配信不能</translation>
    </message>
    <message>
        <source>Waiting in the queue</source>
        <translation>キューで待機中</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>警告はありません。</translation>
    </message>
    <message>
        <source>No client is connected.</source>
        <translation>接続しているクライアントはありません。</translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation>セッション %1 を切断しました。</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Tegami on %1&lt;/h2&gt;Running for %2 &amp;middot; %3, %4, %5</source>
        <translation>&lt;h2&gt;Tegami (%1)&lt;/h2&gt;稼働時間 %2 &amp;middot; %3、%4、%5</translation>
    </message>
    <message numerus="yes">
        <source>%n domain(s)</source>
        <translation>
            <numerusform>ドメイン %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es)</source>
        <translation>
            <numerusform>メールボックス %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alias(es)</source>
        <translation>
            <numerusform>エイリアス %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::DiagnosticsPage</name>
    <message>
        <source>&lt;h2&gt;Diagnostics&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;診断&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>診断</translation>
    </message>
    <message>
        <source>Configuration check</source>
        <translation>構成の確認</translation>
    </message>
    <message>
        <source>Connectivity test</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>The connectivity test passed.</source>
        <translation>接続テストに成功しました。</translation>
    </message>
    <message>
        <source>The connectivity test failed.</source>
        <translation>接続テストに失敗しました。</translation>
    </message>
    <message>
        <source>What users enter in their mail clients. Print it or copy it for them, or export the files that let mail clients set themselves up.</source>
        <translation>ユーザーがメール クライアントに入力する設定です。印刷またはコピーしてユーザーに渡すか、メール クライアントが自動で設定できるファイルをエクスポートしてください。</translation>
    </message>
    <message>
        <source>Client settings</source>
        <translation>クライアントの設定</translation>
    </message>
    <message>
        <source>Configuration check (%1)</source>
        <translation>構成の確認 (%1)</translation>
    </message>
</context>
<context>
    <name>tegami::DomainModel</name>
    <message>
        <source>Domain</source>
        <translation>ドメイン</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>メールボックス数</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>エイリアス数</translation>
    </message>
    <message>
        <source>DNS name</source>
        <translation>DNS 名</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
</context>
<context>
    <name>tegami::DomainsPanel</name>
    <message>
        <source>Tegami accepts mail for these domains. Their DNS MX records should name this server.</source>
        <translation>Tegami は、これらのドメイン宛てのメールを受け付けます。各ドメインの DNS の MX レコードには、このサーバーを指定してください。</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation>ドメインの追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Domain %1 added.</source>
        <translation>ドメイン %1 を追加しました。</translation>
    </message>
    <message>
        <source>Remove domain</source>
        <translation>ドメインの削除</translation>
    </message>
    <message>
        <source>Stop accepting mail for %1?</source>
        <translation>%1 宛てのメールの受け付けを停止しますか?</translation>
    </message>
    <message>
        <source>Domain %1 removed.</source>
        <translation>ドメイン %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>tegami::DonePage</name>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message numerus="yes">
        <source>The service now works as chosen (%n change(s) applied).</source>
        <translation>
            <numerusform>サービスは選択した設定で動作しています (%n 件の変更を適用しました)。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save as...</source>
        <translation>名前を付けて保存(&amp;S)...</translation>
    </message>
    <message>
        <source>Save the request</source>
        <translation>要求の保存</translation>
    </message>
    <message>
        <source>Requests (*.csr *.pem)</source>
        <translation>要求 (*.csr *.pem)</translation>
    </message>
    <message>
        <source>The certificate is in use. Mail programs see it on their next connection; nothing had to restart.</source>
        <translation>証明書は使用中です。メール プログラムは次回の接続時にこの証明書を受け取ります。再起動は不要でした。</translation>
    </message>
    <message>
        <source>Send this request to your certificate authority. When it answers, run this wizard again and choose &quot;Complete a request&quot;. The private key stays on the server.</source>
        <translation>この要求を証明機関に送信してください。回答が届いたら、このウィザードをもう一度実行し、[要求を完了する] を選択してください。秘密キーはサーバーに残ります。</translation>
    </message>
</context>
<context>
    <name>tegami::FieldEditor</name>
    <message>
        <source>Secure login (TLS before any password)</source>
        <translation>セキュリティで保護されたログオン (パスワードの前に TLS)</translation>
    </message>
    <message>
        <source>Plain-text authentication (SASL without TLS)</source>
        <translation>プレーン テキスト認証 (TLS なしの SASL)</translation>
    </message>
    <message>
        <source>Plain-text login (passwords without TLS)</source>
        <translation>プレーン テキスト ログオン (TLS なしのパスワード)</translation>
    </message>
    <message>
        <source>Reject the message</source>
        <translation>メッセージを拒否する</translation>
    </message>
    <message>
        <source>Accept and convert to CRLF</source>
        <translation>受け付けて CRLF に変換する</translation>
    </message>
    <message>
        <source>STARTTLS (required)</source>
        <translation>STARTTLS (必須)</translation>
    </message>
    <message>
        <source>Implicit TLS</source>
        <translation>暗黙的な TLS</translation>
    </message>
    <message>
        <source>None (clear text)</source>
        <translation>なし (平文)</translation>
    </message>
    <message>
        <source>TLS 1.2</source>
        <translation>TLS 1.2</translation>
    </message>
    <message>
        <source>TLS 1.3</source>
        <translation>TLS 1.3</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> バイト</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(変更なし)</translation>
    </message>
    <message>
        <source>none; separate several with commas</source>
        <translation>なし (複数ある場合はコンマで区切ります)</translation>
    </message>
    <message>
        <source>(automatic)</source>
        <translation>(自動)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(未設定)</translation>
    </message>
    <message>
        <source>(set; type to change)</source>
        <translation>(設定済み。変更するには入力してください)</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Bindings (plain, STARTTLS)</source>
        <translation>バインド (プレーン、STARTTLS)</translation>
    </message>
    <message>
        <source>Bindings (implicit TLS)</source>
        <translation>バインド (暗黙的な TLS)</translation>
    </message>
    <message>
        <source>Connection limit</source>
        <translation>接続数の上限</translation>
    </message>
    <message>
        <source>Connection limit per client address</source>
        <translation>クライアント アドレスごとの接続数の上限</translation>
    </message>
    <message>
        <source>Connection limit per user</source>
        <translation>ユーザーごとの接続数の上限</translation>
    </message>
    <message>
        <source>Timeout before login</source>
        <translation>ログオン前のタイムアウト</translation>
    </message>
    <message>
        <source>Timeout after login</source>
        <translation>ログオン後のタイムアウト</translation>
    </message>
    <message>
        <source>Protocol logging</source>
        <translation>プロトコル ログ記録</translation>
    </message>
    <message>
        <source>Host name (FQDN)</source>
        <translation>ホスト名 (FQDN)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>Login type</source>
        <translation>ログオン方法</translation>
    </message>
    <message>
        <source>Maximum command size</source>
        <translation>コマンドの最大サイズ</translation>
    </message>
    <message>
        <source>Maximum message size</source>
        <translation>メッセージの最大サイズ</translation>
    </message>
    <message>
        <source>Maximum recipients</source>
        <translation>受信者の最大数</translation>
    </message>
    <message>
        <source>Protocol errors before disconnect</source>
        <translation>切断までのプロトコル エラー数</translation>
    </message>
    <message>
        <source>Tarpit delay</source>
        <translation>ターピット遅延</translation>
    </message>
    <message>
        <source>Greeting banner</source>
        <translation>あいさつのバナー</translation>
    </message>
    <message>
        <source>Maximum command length</source>
        <translation>コマンドの最大長</translation>
    </message>
    <message>
        <source>Maximum line length</source>
        <translation>行の最大長</translation>
    </message>
    <message>
        <source>Bare line endings</source>
        <translation>単独の改行コード</translation>
    </message>
    <message>
        <source>Trusted networks (relay)</source>
        <translation>信頼済みネットワーク (リレー)</translation>
    </message>
    <message>
        <source>Require TLS for AUTH</source>
        <translation>AUTH に TLS を必須にする</translation>
    </message>
    <message>
        <source>POP-before-SMTP</source>
        <translation>POP before SMTP (従来の方式)</translation>
    </message>
    <message>
        <source>POP-before-SMTP window</source>
        <translation>POP before SMTP の有効時間</translation>
    </message>
    <message>
        <source>Sender must match the login</source>
        <translation>送信者をログオン ユーザーに限定</translation>
    </message>
    <message>
        <source>Minimum TLS version</source>
        <translation>TLS の最小バージョン</translation>
    </message>
    <message>
        <source>Default certificate</source>
        <translation>既定の証明書</translation>
    </message>
    <message>
        <source>Smart host</source>
        <translation>スマート ホスト</translation>
    </message>
    <message>
        <source>Smart host encryption</source>
        <translation>スマート ホストの暗号化</translation>
    </message>
    <message>
        <source>Smart host user</source>
        <translation>スマート ホストのユーザー</translation>
    </message>
    <message>
        <source>Smart host password</source>
        <translation>スマート ホストのパスワード</translation>
    </message>
    <message>
        <source>Verify the smart host&apos;s certificate</source>
        <translation>スマート ホストの証明書を検証する</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>ルート</translation>
    </message>
    <message>
        <source>Require TLS to other servers</source>
        <translation>他のサーバーへの TLS を必須にする</translation>
    </message>
    <message>
        <source>Connection timeout</source>
        <translation>接続のタイムアウト</translation>
    </message>
    <message>
        <source>First retry after</source>
        <translation>最初の再試行までの時間</translation>
    </message>
    <message>
        <source>Longest retry interval</source>
        <translation>再試行間隔の上限</translation>
    </message>
    <message>
        <source>Delay notice after</source>
        <translation>遅延通知までの時間</translation>
    </message>
    <message>
        <source>Give up after</source>
        <translation>配信をあきらめるまでの時間</translation>
    </message>
    <message>
        <source>Simultaneous deliveries</source>
        <translation>同時配信数</translation>
    </message>
    <message>
        <source>File size limit</source>
        <translation>ファイル サイズの上限</translation>
    </message>
    <message>
        <source>Folder size limit</source>
        <translation>フォルダー サイズの上限</translation>
    </message>
    <message>
        <source>Keep files for</source>
        <translation>ファイルの保存期間</translation>
    </message>
    <message>
        <source>Failed logins per address before a ban</source>
        <translation>ブロックまでのアドレスごとのログオン失敗回数</translation>
    </message>
    <message>
        <source>Failed logins per account before a lock</source>
        <translation>ロックまでのアカウントごとのログオン失敗回数</translation>
    </message>
    <message>
        <source>Counting window</source>
        <translation>集計期間</translation>
    </message>
    <message>
        <source>Ban duration</source>
        <translation>ブロック期間</translation>
    </message>
    <message>
        <source>All mail in the inbox</source>
        <translation>受信トレイのすべてのメール</translation>
    </message>
    <message>
        <source>Only mail that arrives from now on</source>
        <translation>今後届くメールのみ</translation>
    </message>
    <message>
        <source>Keep it on the server</source>
        <translation>サーバーに残す</translation>
    </message>
    <message>
        <source>Mark it as read</source>
        <translation>既読にする</translation>
    </message>
    <message>
        <source>Move it to Archive</source>
        <translation>アーカイブに移動する</translation>
    </message>
    <message>
        <source>Move it to Trash</source>
        <translation>ごみ箱に移動する</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>External host name</source>
        <translation>外部ホスト名</translation>
    </message>
    <message>
        <source>Mail shown to POP3 (new mailboxes)</source>
        <translation>POP3 に表示するメール (新しいメールボックス)</translation>
    </message>
    <message>
        <source>After a POP3 download (new mailboxes)</source>
        <translation>POP3 でのダウンロード後 (新しいメールボックス)</translation>
    </message>
    <message>
        <source>Remove deleted mail at once (new mailboxes)</source>
        <translation>削除したメールをすぐに消去 (新しいメールボックス)</translation>
    </message>
    <message>
        <source>Deleting a message (new mailboxes)</source>
        <translation>メッセージの削除時 (新しいメールボックス)</translation>
    </message>
</context>
<context>
    <name>tegami::FirstRunPages</name>
    <message>
        <source>Enter the part before the @, for example alice.</source>
        <translation>@ の前の部分を入力してください (例: alice)。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be the part before the @: use letters, digits, dots (not at the ends) and - _ +.</source>
        <translation>&apos;%1&apos; は @ の前の部分に使用できません。英字、数字、ドット (先頭と末尾以外)、- _ + を使用してください。</translation>
    </message>
    <message>
        <source>Use a password of at least %1 characters.</source>
        <translation>%1 文字以上のパスワードを使用してください。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>2 つのパスワードが一致しません。</translation>
    </message>
</context>
<context>
    <name>tegami::FirstRunWizard</name>
    <message>
        <source>Set up Tegami</source>
        <translation>Tegami のセットアップ</translation>
    </message>
    <message>
        <source>Name the server %1</source>
        <translation>サーバー名を %1 に設定</translation>
    </message>
    <message>
        <source>Accept mail for %1</source>
        <translation>%1 宛てのメールを受け付ける</translation>
    </message>
    <message>
        <source>If the domain already exists, this is not a fresh setup: use the Accounts page instead.</source>
        <translation>ドメインが既に存在する場合、これは新規セットアップではありません。代わりに [アカウント] ページを使用してください。</translation>
    </message>
    <message>
        <source>Create the administrator account %1 (no POP3 or IMAP4)</source>
        <translation>管理者アカウント %1 を作成 (POP3 と IMAP4 なし)</translation>
    </message>
    <message>
        <source>Create the mailbox %1</source>
        <translation>メールボックス %1 を作成</translation>
    </message>
    <message>
        <source>Go back to the accounts pages and check the address and password.</source>
        <translation>アカウントのページに戻り、アドレスとパスワードを確認してください。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
</context>
<context>
    <name>tegami::JsonTableModel</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 / %2 (%3%)</translation>
    </message>
</context>
<context>
    <name>tegami::ListenerModel</name>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>%1 (until %2)</source>
        <translation>%1 (%2 まで)</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>待ち受けていません</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Listening, without TLS</source>
        <translation>待ち受け中 (TLS なし)</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>待ち受け中</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>待ち受けていません: %1</translation>
    </message>
    <message>
        <source>Listening; no TLS: %1</source>
        <translation>待ち受け中。TLS なし: %1</translation>
    </message>
</context>
<context>
    <name>tegami::LogExport</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>エクスポートを書き込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>tegami::LogFilterBar</name>
    <message>
        <source>Show one protocol only</source>
        <translation>1 つのプロトコルのみを表示します</translation>
    </message>
    <message>
        <source>All protocols</source>
        <translation>すべてのプロトコル</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>One session id, e.g. 3f2a</source>
        <translation>セッション ID (例: 3f2a)</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>リモート</translation>
    </message>
    <message>
        <source>An address (any port), address:port, or a prefix ending in &apos;.&apos; or &apos;:&apos; such as 198.51.100.</source>
        <translation>アドレス (任意のポート)、アドレス:ポート、または &apos;.&apos; か &apos;:&apos; で終わるプレフィックス (例: 198.51.100.)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Part of the user name. Before a login succeeds events carry no user, so their data is searched: a failed login of this user shows too.</source>
        <translation>ユーザー名の一部です。ログオンに成功するまでのイベントにはユーザーがないため、データ列を検索します。このユーザーのログオン失敗も表示されます。</translation>
    </message>
    <message>
        <source>Search the data</source>
        <translation>データを検索</translation>
    </message>
    <message>
        <source>Text in the data column, or a regular expression when Regex is on</source>
        <translation>データ列のテキスト ([正規表現] がオンのときは正規表現)</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正規表現</translation>
    </message>
    <message>
        <source>Treat the search as a regular expression (Perl syntax)</source>
        <translation>検索文字列を正規表現 (Perl 構文) として扱います</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>大/小文字を区別</translation>
    </message>
    <message>
        <source>&lt; Client</source>
        <translation>&lt; クライアント</translation>
    </message>
    <message>
        <source>Commands from the client</source>
        <translation>クライアントからのコマンド</translation>
    </message>
    <message>
        <source>&gt; Server</source>
        <translation>&gt; サーバー</translation>
    </message>
    <message>
        <source>Replies to the client</source>
        <translation>クライアントへの応答</translation>
    </message>
    <message>
        <source>* Notes</source>
        <translation>* 注記</translation>
    </message>
    <message>
        <source>Notes from the server: TLS, authentication results, policy decisions</source>
        <translation>サーバーからの注記: TLS、認証の結果、ポリシーの判定</translation>
    </message>
    <message>
        <source>+/- Connections</source>
        <translation>+/- 接続</translation>
    </message>
    <message>
        <source>Connects and disconnects</source>
        <translation>接続と切断</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>フィルター解除</translation>
    </message>
</context>
<context>
    <name>tegami::LogPage</name>
    <message>
        <source>&lt;h2&gt;Protocol log&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;プロトコル ログ&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation>プロトコル ログ</translation>
    </message>
</context>
<context>
    <name>tegami::LogTranscriptDialog</name>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>すべてコピー</translation>
    </message>
    <message numerus="yes">
        <source>[… %n event(s) missing …]</source>
        <translation>
            <numerusform>[… %n 件のイベントが欠落 …]</numerusform>
        </translation>
    </message>
    <message>
        <source>No stored events of session %1 (they may have left the buffer).</source>
        <translation>セッション %1 のイベントは保存されていません (バッファーから消えた可能性があります)。</translation>
    </message>
    <message numerus="yes">
        <source>Session %1 · %2 · %3 → %4 · %5 · %n event(s)</source>
        <translation>
            <numerusform>セッション %1 · %2 · %3 → %4 · %5 · %n 件のイベント</numerusform>
        </translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>未ログオン</translation>
    </message>
</context>
<context>
    <name>tegami::LogViewMatcher</name>
    <message>
        <source>Invalid regular expression at %1: %2</source>
        <translation>正規表現が無効です (位置 %1): %2</translation>
    </message>
</context>
<context>
    <name>tegami::LogViewModel</name>
    <message>
        <source>connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>%1 (UTC %2)</source>
        <translation>%1 (UTC %2)</translation>
    </message>
    <message>
        <source>Events of this session are missing before this one (its sequence numbers jump).</source>
        <translation>このセッションでは、このイベントより前のイベントが欠落しています (シーケンス番号が飛んでいます)。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>ローカル</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>リモート</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
</context>
<context>
    <name>tegami::LogViewerPage</name>
    <message>
        <source>Following newest</source>
        <translation>最新を追跡中</translation>
    </message>
    <message>
        <source>Keep the newest event in view. Scrolling up or clicking a row pauses; new events keep arriving.</source>
        <translation>最新のイベントを表示し続けます。上にスクロールするか行をクリックすると一時停止します。新しいイベントは引き続き受信されます。</translation>
    </message>
    <message>
        <source>A day of the log files on the server (days with files are bold in the calendar)</source>
        <translation>サーバー上のログ ファイルの日付 (ファイルがある日はカレンダーで太字になります)</translation>
    </message>
    <message>
        <source>Open day</source>
        <translation>日付を開く</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>CSV (Exchange protocol log columns)…</source>
        <translation>CSV (Exchange のプロトコル ログの列)…</translation>
    </message>
    <message>
        <source>JSON Lines…</source>
        <translation>JSON Lines…</translation>
    </message>
    <message>
        <source>Past day:</source>
        <translation>過去の日付:</translation>
    </message>
    <message>
        <source>Not connected to the service. The live log resumes when the connection is back; events until then are not shown.</source>
        <translation>サービスに接続されていません。接続が回復するとライブ ログが再開されます。それまでのイベントは表示されません。</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>ライブに戻る</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Filtering %p%</source>
        <translation>フィルター処理中 %p%</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>最新を追跡</translation>
    </message>
    <message numerus="yes">
        <source>%n new live event(s) since this day was opened</source>
        <translation>
            <numerusform>この日付を開いてから新しいライブ イベントが %n 件あります</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n new event(s) below</source>
        <translation>
            <numerusform>一時停止中: 下に新しいイベントが %n 件あります</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) lost: the viewer fell behind the service</source>
        <translation>
            <numerusform>%n 件のイベントが失われました: ビューアーがサービスに追いつけませんでした</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing according to sequence numbers</source>
        <translation>
            <numerusform>シーケンス番号によると %n 件が欠落しています</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped in a burst larger than the buffer</source>
        <translation>
            <numerusform>バッファーを超える集中のため %n 件をスキップしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation>プロトコル ログ</translation>
    </message>
    <message numerus="yes">
        <source>Copy %n row(s)</source>
        <translation>
            <numerusform>%n 行をコピー</numerusform>
        </translation>
    </message>
    <message>
        <source>Show session %1 only…</source>
        <translation>セッション %1 のみを表示…</translation>
    </message>
    <message>
        <source>Filter by session %1</source>
        <translation>セッション %1 でフィルター</translation>
    </message>
    <message>
        <source>Filter by %1</source>
        <translation>%1 でフィルター</translation>
    </message>
    <message>
        <source>Disconnect session %1</source>
        <translation>セッション %1 を切断</translation>
    </message>
    <message>
        <source>Ban %1…</source>
        <translation>%1 をブロック…</translation>
    </message>
    <message>
        <source>Ban %1? The server will refuse every connection from this address until the ban is lifted on the Security page.</source>
        <translation>%1 をブロックしますか? [セキュリティ] ページでブロックを解除するまで、サーバーはこのアドレスからのすべての接続を拒否します。</translation>
    </message>
    <message>
        <source>Banned from the protocol log</source>
        <translation>プロトコル ログからブロック</translation>
    </message>
    <message>
        <source>Banning %1…</source>
        <translation>%1 をブロックしています…</translation>
    </message>
    <message>
        <source>Disconnecting session %1…</source>
        <translation>セッション %1 を切断しています…</translation>
    </message>
    <message>
        <source>Banned %1.</source>
        <translation>%1 をブロックしました。</translation>
    </message>
    <message>
        <source>Could not ban %1: %2</source>
        <translation>%1 をブロックできませんでした: %2</translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation>セッション %1 を切断しました。</translation>
    </message>
    <message>
        <source>Could not disconnect session %1: %2</source>
        <translation>セッション %1 を切断できませんでした: %2</translation>
    </message>
    <message>
        <source>Past day %1 from the log files: loading…</source>
        <translation>ログ ファイルの過去の日付 %1: 読み込んでいます…</translation>
    </message>
    <message>
        <source>Past day %1: could not read the log files: %2</source>
        <translation>過去の日付 %1: ログ ファイルを読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation>%1 を作成できませんでした: %2</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 を保存できませんでした: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>%n 行を %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export the shown rows</source>
        <translation>表示中の行のエクスポート</translation>
    </message>
    <message numerus="yes">
        <source>%1 shown of %Ln event(s) in memory (at most %2)</source>
        <translation>
            <numerusform>メモリ内の %Ln 件のイベントのうち %1 件を表示 (最大 %2 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: loading… %Ln event(s) so far</source>
        <translation>
            <numerusform>ログ ファイルの過去の日付 %1: 読み込んでいます… これまでに %Ln 件のイベント</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: the first %Ln event(s) (the viewer&apos;s limit). Use tegamictl or the files for the rest.</source>
        <translation>
            <numerusform>ログ ファイルの過去の日付 %1: 最初の %Ln 件のイベント (ビューアーの上限)。残りは tegamictl またはファイルで確認してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: %Ln event(s). Live events keep arriving in the background.</source>
        <translation>
            <numerusform>ログ ファイルの過去の日付 %1: %Ln 件のイベント。ライブ イベントはバックグラウンドで引き続き受信されます。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::LoginFailureModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Client address</source>
        <translation>クライアント アドレス</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>tegami::MailboxesPage</name>
    <message>
        <source>First mailboxes</source>
        <translation>最初のメールボックス</translation>
    </message>
    <message>
        <source>The people who will read mail here. You can add more later on the Accounts page.</source>
        <translation>このサーバーでメールを読むユーザーです。後から [アカウント] ページで追加できます。</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>アドレス:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>&amp;Add mailbox</source>
        <translation>メールボックスの追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>%1 is the administrator account; choose another address.</source>
        <translation>%1 は管理者アカウントです。別のアドレスを選択してください。</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 は既に一覧にあります。</translation>
    </message>
    <message>
        <source>Add at least one mailbox: the administrator account cannot read mail with a mail program.</source>
        <translation>メールボックスを 1 つ以上追加してください。管理者アカウントではメール プログラムでメールを読むことができません。</translation>
    </message>
</context>
<context>
    <name>tegami::MainWindow</name>
    <message>
        <source>Tegami Mail Server</source>
        <translation>Tegami メール サーバー</translation>
    </message>
    <message>
        <source>Connecting to the service...</source>
        <translation>サービスに接続しています...</translation>
    </message>
    <message>
        <source>The service stopped or is restarting; reconnecting...</source>
        <translation>サービスが停止したか再起動中です。再接続しています...</translation>
    </message>
    <message>
        <source>Connected to the service for %1</source>
        <translation>%1 のサービスに接続しました</translation>
    </message>
    <message>
        <source>No service was running for %1, so the console started it (tegamid, process %2). It keeps running when the console closes.</source>
        <translation>%1 のサービスが実行されていなかったため、コンソールが起動しました (tegamid、プロセス %2)。コンソールを閉じてもサービスは実行を続けます。</translation>
    </message>
    <message>
        <source>No service is running for %1, and %2</source>
        <translation>%1 のサービスは実行されていません。また、%2</translation>
    </message>
    <message>
        <source>The service at %1 is not reachable (%2); trying again in %3 s.</source>
        <translation>%1 のサービスに接続できません (%2)。%3 秒後に再試行します。</translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation>コンソールを表示</translation>
    </message>
    <message>
        <source>Quit the console (the service keeps running)</source>
        <translation>コンソールを終了 (サービスは実行を続けます)</translation>
    </message>
    <message>
        <source>Tegami: %1</source>
        <translation>Tegami: %1</translation>
    </message>
    <message>
        <source>This service has no mail domain and no mailbox yet. The setup wizard takes you through the first steps.</source>
        <translation>このサービスには、まだメール ドメインもメールボックスもありません。セットアップ ウィザードで最初の手順を進めることができます。</translation>
    </message>
    <message>
        <source>&amp;Set up Tegami...</source>
        <translation>Tegami のセットアップ(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Wizards</source>
        <translation>ウィザード(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;First setup...</source>
        <translation>初期セットアップ(&amp;F)...</translation>
    </message>
    <message>
        <source>Enable &amp;protocols...</source>
        <translation>プロトコルの有効化(&amp;P)...</translation>
    </message>
    <message>
        <source>TLS &amp;certificate...</source>
        <translation>TLS 証明書(&amp;C)...</translation>
    </message>
    <message>
        <source>Ports and &amp;bindings...</source>
        <translation>ポートとバインド(&amp;B)...</translation>
    </message>
    <message>
        <source>The wizard needs the service: %1</source>
        <translation>ウィザードにはサービスが必要です: %1</translation>
    </message>
</context>
<context>
    <name>tegami::OrganisationPage</name>
    <message>
        <source>Your organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <source>Welcome to Tegami. A few steps set up mail for your office; nothing changes until you apply them at the end.</source>
        <translation>Tegami へようこそ。いくつかの手順でオフィスのメールをセットアップします。最後に適用するまで、何も変更されません。</translation>
    </message>
    <message>
        <source>The mail domain is the part after the @ in your addresses. Tegami accepts mail for it; you can add more domains later on the Accounts page.</source>
        <translation>メール ドメインは、アドレスの @ の後の部分です。Tegami はこのドメイン宛てのメールを受け付けます。後から [アカウント] ページでドメインを追加できます。</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Mail domain:</source>
        <translation>メール ドメイン:</translation>
    </message>
</context>
<context>
    <name>tegami::PortsPage</name>
    <message>
        <source>Ports and addresses</source>
        <translation>ポートとアドレス</translation>
    </message>
    <message>
        <source>Where each listener waits for connections. 0.0.0.0 means every IPv4 address of this machine, :: every IPv6 address.</source>
        <translation>各受信コネクタが接続を待ち受ける場所です。0.0.0.0 はこのコンピューターのすべての IPv4 アドレス、:: はすべての IPv6 アドレスを意味します。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Listener&lt;/b&gt;</source>
        <translation>&lt;b&gt;受信コネクタ&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Address&lt;/b&gt;</source>
        <translation>&lt;b&gt;アドレス&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Port&lt;/b&gt;</source>
        <translation>&lt;b&gt;ポート&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>No protocol is enabled, so nothing listens.</source>
        <translation>有効なプロトコルがないため、何も待ち受けていません。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) above: these listeners could not start. Change the ports or addresses.</source>
        <translation>
            <numerusform>上に %n 件の問題があります。これらの受信コネクタを開始できませんでした。ポートまたはアドレスを変更してください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::PortsWizard</name>
    <message>
        <source>Ports and bindings</source>
        <translation>ポートとバインド</translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolChoicePage</name>
    <message>
        <source>POP3 downloads the mail of one folder, the inbox, to one device and usually deletes it on the server. It suits one computer per person that keeps its own copy.</source>
        <translation>POP3 は 1 つのフォルダー (受信トレイ) のメールを 1 台のデバイスにダウンロードし、通常はサーバー上から削除します。1 人が 1 台のコンピューターで自分のコピーを保存する場合に適しています。</translation>
    </message>
    <message>
        <source>IMAP4 keeps mail and folders on the server, so a phone, a laptop and webmail all see the same mailbox. It suits anyone who reads mail on several devices.</source>
        <translation>IMAP4 はメールとフォルダーをサーバー上に保存するため、スマートフォン、ノート PC、Web メールのすべてで同じメールボックスを表示できます。複数のデバイスでメールを読む場合に適しています。</translation>
    </message>
    <message>
        <source>Lets users&apos; mail programs send mail after logging in. Every client needs it.</source>
        <translation>ユーザーのメール プログラムがログオン後にメールを送信できるようにします。すべてのクライアントに必要です。</translation>
    </message>
    <message>
        <source>Receives mail for your domains from other mail servers (the MX, port 25). Needs a DNS MX record.</source>
        <translation>他のメール サーバーから自組織のドメイン宛てのメールを受信します (MX、ポート 25)。DNS の MX レコードが必要です。</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Choose how mail programs reach the server. Encryption protects passwords and mail on the way.</source>
        <translation>メール プログラムがサーバーに接続する方法を選択してください。暗号化により、経路上のパスワードとメールが保護されます。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Protocol&lt;/b&gt;</source>
        <translation>&lt;b&gt;プロトコル&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Encryption&lt;/b&gt;</source>
        <translation>&lt;b&gt;暗号化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Login&lt;/b&gt;</source>
        <translation>&lt;b&gt;ログオン&lt;/b&gt;</translation>
    </message>
    <message>
        <source>STARTTLS when the sender supports it</source>
        <translation>送信側が対応している場合は STARTTLS</translation>
    </message>
    <message>
        <source>Without encryption, passwords and mail cross the network readable by anyone on the way. Use it only for old programs on a trusted network.</source>
        <translation>暗号化しないと、パスワードとメールは経路上のだれでも読める状態でネットワークを流れます。信頼できるネットワーク上の古いプログラムにのみ使用してください。</translation>
    </message>
    <message>
        <source>Passwords may be sent before TLS starts; a client that skips STARTTLS sends them readable.</source>
        <translation>TLS の開始前にパスワードが送信される可能性があります。STARTTLS を省略するクライアントは、パスワードを読める状態で送信します。</translation>
    </message>
    <message>
        <source>Choose at least one protocol: without one, no mail program can reach the server.</source>
        <translation>プロトコルを 1 つ以上選択してください。プロトコルがないと、どのメール プログラムもサーバーに接続できません。</translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolPanel</name>
    <message>
        <source>Receives mail from other mail servers for your domains (port 25, the MX).</source>
        <translation>他のメール サーバーから、自組織のドメイン宛てのメールを受信します (ポート 25、MX)。</translation>
    </message>
    <message>
        <source>Lets your users&apos; mail programs send mail after logging in (ports 587 and 465).</source>
        <translation>ユーザーのメール プログラムがログオン後にメールを送信できるようにします (ポート 587 と 465)。</translation>
    </message>
    <message>
        <source>Lets mail programs download mail (ports 110 and 995).</source>
        <translation>メール プログラムがメールをダウンロードできるようにします (ポート 110 と 995)。</translation>
    </message>
    <message>
        <source>Lets mail programs read and organise mail on the server (ports 143 and 993).</source>
        <translation>メール プログラムがサーバー上のメールを閲覧、整理できるようにします (ポート 143 と 993)。</translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation>%1 を有効にする</translation>
    </message>
    <message>
        <source>%1:%2 (%3): %4</source>
        <translation>%1:%2 (%3): %4</translation>
    </message>
    <message>
        <source>No listener is running.</source>
        <translation>実行中の受信コネクタはありません。</translation>
    </message>
    <message>
        <source>Not enabled: nothing listens.</source>
        <translation>無効: 待ち受けていません。</translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation>%1 を有効にしました。</translation>
    </message>
    <message>
        <source>%1 disabled; open sessions finish.</source>
        <translation>%1 を無効にしました。開いているセッションはそのまま終了まで続きます。</translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolsPage</name>
    <message>
        <source>&lt;h2&gt;Protocols&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;プロトコル&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>プロトコル</translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolsWizard</name>
    <message>
        <source>Enable protocols</source>
        <translation>プロトコルの有効化</translation>
    </message>
</context>
<context>
    <name>tegami::QueueModel</name>
    <message>
        <source>From</source>
        <translation>送信者</translation>
    </message>
    <message>
        <source>&lt;&gt; (bounce)</source>
        <translation>&lt;&gt; (配信不能通知)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>受信者</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>キュー登録日時</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>試行回数</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>次回の試行</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最後のエラー</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2, %n attempt(s)</source>
        <translation>
            <numerusform>%1: %2、%n 回試行</numerusform>
        </translation>
    </message>
    <message>
        <source>, last tried %1</source>
        <translation>、最終試行 %1</translation>
    </message>
</context>
<context>
    <name>tegami::QueuePage</name>
    <message>
        <source>&lt;h2&gt;Queue&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;キュー&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>今すぐ再試行</translation>
    </message>
    <message>
        <source>Retry all</source>
        <translation>すべて再試行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the message from the queue without telling its sender.</source>
        <translation>送信者に通知せずに、メッセージをキューから削除します。</translation>
    </message>
    <message>
        <source>Select a message to see each recipient&apos;s state and last error.</source>
        <translation>メッセージを選択すると、受信者ごとの状態と最後のエラーが表示されます。</translation>
    </message>
    <message>
        <source>The queue is empty: every message has been delivered.</source>
        <translation>キューは空です。すべてのメッセージが配信されました。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting for delivery.</source>
        <translation>
            <numerusform>%n 件のメッセージが配信を待っています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1 from %2, %3, queued %4, expires %5

</source>
        <translation>メッセージ %1、送信者 %2、%3、キュー登録 %4、有効期限 %5

</translation>
    </message>
    <message>
        <source>Retrying every queued message now.</source>
        <translation>キュー内のすべてのメッセージを今すぐ再試行します。</translation>
    </message>
    <message>
        <source>Retrying the message now.</source>
        <translation>メッセージを今すぐ再試行します。</translation>
    </message>
    <message>
        <source>Delete queued message</source>
        <translation>キュー内のメッセージの削除</translation>
    </message>
    <message>
        <source>Delete message %1 from the queue? Its sender is not told.</source>
        <translation>メッセージ %1 をキューから削除しますか? 送信者には通知されません。</translation>
    </message>
    <message>
        <source>Message %1 deleted from the queue.</source>
        <translation>メッセージ %1 をキューから削除しました。</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
</context>
<context>
    <name>tegami::SecurityPage</name>
    <message>
        <source>&lt;h2&gt;Security&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;セキュリティ&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Current bans</source>
        <translation>現在のブロック</translation>
    </message>
    <message>
        <source>Addresses with too many failed logins are banned for a while, and accounts locked; the limits are on the Settings page.</source>
        <translation>ログオンの失敗が多すぎるアドレスは一定時間ブロックされ、アカウントはロックされます。上限は [設定] ページで変更できます。</translation>
    </message>
    <message>
        <source>Lift ban</source>
        <translation>ブロックの解除</translation>
    </message>
    <message>
        <source>Ban the address</source>
        <translation>アドレスのブロック</translation>
    </message>
    <message>
        <source>198.51.100.7</source>
        <translation>198.51.100.7</translation>
    </message>
    <message>
        <source>for</source>
        <translation>期間</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <source>Recent failed logins</source>
        <translation>最近のログオン失敗</translation>
    </message>
    <message>
        <source>The ban on %1 was lifted.</source>
        <translation>%1 のブロックを解除しました。</translation>
    </message>
    <message>
        <source>%1 is banned.</source>
        <translation>%1 をブロックしました。</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>セキュリティ</translation>
    </message>
</context>
<context>
    <name>tegami::ServerNamePage</name>
    <message>
        <source>Server name</source>
        <translation>サーバー名</translation>
    </message>
    <message>
        <source>The full name mail programs and other servers use to reach this machine.</source>
        <translation>メール プログラムや他のサーバーがこのコンピューターに接続するときに使用する完全な名前です。</translation>
    </message>
    <message>
        <source>Use a name with a DNS record pointing at this server, for example mail.example.com. It appears in greetings and must match the TLS certificate.</source>
        <translation>このサーバーを指す DNS レコードがある名前を使用してください (例: mail.example.com)。この名前はあいさつに表示され、TLS 証明書と一致する必要があります。</translation>
    </message>
    <message>
        <source>Server FQDN:</source>
        <translation>サーバーの FQDN:</translation>
    </message>
    <message>
        <source>Looking up %1 in DNS...</source>
        <translation>DNS で %1 を検索しています...</translation>
    </message>
    <message>
        <source>DNS does not know %1 yet. Mail programs outside this machine need an A record for it; you can continue and add it later.</source>
        <translation>%1 はまだ DNS に登録されていません。このコンピューター外のメール プログラムには A レコードが必要です。このまま続行し、後から追加することもできます。</translation>
    </message>
    <message>
        <source>%1 points at %2.</source>
        <translation>%1 は %2 を指しています。</translation>
    </message>
</context>
<context>
    <name>tegami::ServiceClient</name>
    <message>
        <source>Not available in this service version.</source>
        <translation>このバージョンのサービスでは使用できません。</translation>
    </message>
    <message>
        <source>No answer from the service (%1).</source>
        <translation>サービスから応答がありません (%1)。</translation>
    </message>
    <message>
        <source>the console disconnected from the service</source>
        <translation>コンソールがサービスから切断しました</translation>
    </message>
    <message>
        <source>the service closed the connection</source>
        <translation>サービスが接続を閉じました</translation>
    </message>
    <message>
        <source>the service is not reachable</source>
        <translation>サービスに接続できません</translation>
    </message>
    <message>
        <source>the service did not answer in time</source>
        <translation>サービスが時間内に応答しませんでした</translation>
    </message>
</context>
<context>
    <name>tegami::ServiceHealth</name>
    <message>
        <source>Connecting to the service...</source>
        <translation>サービスに接続しています...</translation>
    </message>
    <message>
        <source>The service is not reachable; reconnecting...</source>
        <translation>サービスに接続できません。再接続しています...</translation>
    </message>
    <message>
        <source>The service is not reachable; retrying...</source>
        <translation>サービスに接続できません。再試行しています...</translation>
    </message>
    <message>
        <source>%1 is not listening: %2</source>
        <translation>%1 は待ち受けていません: %2</translation>
    </message>
    <message>
        <source>The certificate for %1 expires on %2; renew it on the Certificates page.</source>
        <translation>%1 の証明書は %2 に期限切れになります。[証明書] ページで更新してください。</translation>
    </message>
    <message numerus="yes">
        <source>Tegami is running on %1 with %n listener(s).</source>
        <translation>
            <numerusform>Tegami は %1 で %n 個の受信コネクタで実行されています。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::ServiceLauncher</name>
    <message>
        <source>the service program was not found at %1. Install Tegami completely, or start the service yourself: tegamid --data-dir &quot;%2&quot;</source>
        <translation>サービスのプログラムが %1 に見つかりません。Tegami を完全にインストールするか、サービスを手動で起動してください: tegamid --data-dir &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the service could not be started (%1): %2</source>
        <translation>サービスを起動できませんでした (%1): %2</translation>
    </message>
    <message>
        <source>the system service is not running, or you may not use it. Start it with `%1`; to manage it without root, join the group that may use its control socket (sudo adduser $USER tegami, then log in again).</source>
        <translation>システム サービスが実行されていないか、使用する権限がありません。`%1` で起動してください。root 以外で管理するには、制御ソケットを使用できるグループに参加してください (sudo adduser $USER tegami を実行してから、ログインし直してください)。</translation>
    </message>
    <message>
        <source>the system service could not be started: %1</source>
        <translation>システム サービスを起動できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>tegami::SessionModel</name>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>サーバー アドレス</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
</context>
<context>
    <name>tegami::SettingsForm</name>
    <message>
        <source>%1 is not listening: %2</source>
        <translation>%1 は待ち受けていません: %2</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Takes effect after the service restarts.</source>
        <translation>サービスの再起動後に有効になります。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>保存しています...</translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) saved and applied.</source>
        <translation>
            <numerusform>%n 件の設定を保存して適用しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) saved; %1 refused (see the messages at the fields).</source>
        <translation>
            <numerusform>%n 件の設定を保存しました。%1 件は拒否されました (各フィールドのメッセージを参照してください)。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 takes effect after the service restarts.</source>
        <translation>%1 はサービスの再起動後に有効になります。</translation>
    </message>
</context>
<context>
    <name>tegami::SettingsPage</name>
    <message>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;設定&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Outbound delivery</source>
        <translation>外部への配信 (送信コネクタ)</translation>
    </message>
    <message>
        <source>Login security</source>
        <translation>ログオンのセキュリティ</translation>
    </message>
    <message>
        <source>Protocol log files</source>
        <translation>プロトコル ログ ファイル</translation>
    </message>
    <message>
        <source>Tegami %1, process %2, running for %3.
Data directory: %4
Host name: %5
Protocol log folder: %6</source>
        <translation>Tegami %1、プロセス %2、稼働時間 %3。
データ ディレクトリ: %4
ホスト名: %5
プロトコル ログ フォルダー: %6</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Console language:</source>
        <translation>コンソールの言語:</translation>
    </message>
    <message>
        <source>Takes effect when the console is started again.</source>
        <translation>コンソールを再起動すると有効になります。</translation>
    </message>
    <message>
        <source>Console language saved: %1. It takes effect when the console is started again.</source>
        <translation>コンソールの言語を保存しました: %1。コンソールを再起動すると有効になります。</translation>
    </message>
</context>
<context>
    <name>tegami::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Apply makes these changes in this order. If one fails, the ones already made are undone.</source>
        <translation>[適用] を押すと、次の変更をこの順序で行います。いずれかが失敗した場合は、既に行った変更を元に戻します。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>適用(&amp;A)</translation>
    </message>
    <message>
        <source>Nothing to change: the service already works this way.</source>
        <translation>変更はありません。サービスは既にこの設定で動作しています。</translation>
    </message>
    <message>
        <source>Applying...</source>
        <translation>適用しています...</translation>
    </message>
    <message>
        <source>Nothing was applied.</source>
        <translation>何も適用されませんでした。</translation>
    </message>
    <message>
        <source>Applied.</source>
        <translation>適用しました。</translation>
    </message>
</context>
<context>
    <name>tegami::TegamiWizard</name>
    <message>
        <source>Go back to the ports page and choose a free port, or stop the program that holds it.</source>
        <translation>ポートのページに戻って空いているポートを選択するか、そのポートを使用しているプログラムを停止してください。</translation>
    </message>
    <message>
        <source>%1: implicit TLS on %2</source>
        <translation>%1: 暗黙的な TLS (%2)</translation>
    </message>
    <message>
        <source>%1: plain or STARTTLS on %2</source>
        <translation>%1: プレーンまたは STARTTLS (%2)</translation>
    </message>
    <message>
        <source>%1: login type %2</source>
        <translation>%1: ログオン方法 %2</translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation>%1 を有効にする</translation>
    </message>
    <message>
        <source>Disable %1</source>
        <translation>%1 を無効にする</translation>
    </message>
    <message>
        <source>Generate a self-signed certificate for %1</source>
        <translation>%1 の自己署名証明書を生成</translation>
    </message>
    <message>
        <source>Check the names (letters, digits, hyphens and dots only).</source>
        <translation>名前を確認してください (英字、数字、ハイフン、ドットのみ)。</translation>
    </message>
    <message>
        <source>Import the certificate (PEM)</source>
        <translation>証明書をインポート (PEM)</translation>
    </message>
    <message>
        <source>Check that the file holds the certificate and its private key (or choose the key file), and the key&apos;s passphrase.</source>
        <translation>ファイルに証明書とその秘密キーが含まれていること (またはキー ファイルを選択したこと) と、キーのパスフレーズを確認してください。</translation>
    </message>
    <message>
        <source>Import the certificate (PKCS#12)</source>
        <translation>証明書をインポート (PKCS#12)</translation>
    </message>
    <message>
        <source>Check the file&apos;s password; export it again with its private key if needed.</source>
        <translation>ファイルのパスワードを確認してください。必要に応じて、秘密キーを含めてもう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>Complete the certificate request with the authority&apos;s answer</source>
        <translation>証明機関の回答で証明書の要求を完了</translation>
    </message>
    <message>
        <source>Use the certificate the authority issued for this request (PEM).</source>
        <translation>この要求に対して証明機関が発行した証明書 (PEM) を使用してください。</translation>
    </message>
    <message>
        <source>Use the certificate for every protocol</source>
        <translation>すべてのプロトコルで証明書を使用</translation>
    </message>
    <message>
        <source>Use the certificate for %1</source>
        <translation>%1 で証明書を使用</translation>
    </message>
    <message>
        <source>Make the listener names (server.fqdn, &lt;protocol&gt;.fqdn) match the certificate, or use a certificate issued for them.</source>
        <translation>受信コネクタの名前 (server.fqdn、&lt;protocol&gt;.fqdn) を証明書と一致させるか、それらの名前用に発行された証明書を使用してください。</translation>
    </message>
    <message>
        <source>%1: no implicit TLS listener</source>
        <translation>%1: 暗黙的な TLS の受信コネクタなし</translation>
    </message>
    <message>
        <source>%1: no plain or STARTTLS listener</source>
        <translation>%1: プレーンまたは STARTTLS の受信コネクタなし</translation>
    </message>
</context>
<context>
    <name>tegami::UserModel</name>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>, admin</source>
        <translation>、管理者</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用量</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メッセージ数</translation>
    </message>
    <message>
        <source>POP3 policy</source>
        <translation>POP3 ポリシー</translation>
    </message>
    <message>
        <source>%1 mail, then %2</source>
        <translation>%1のメール、ダウンロード後は%2</translation>
    </message>
    <message>
        <source>all</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新着</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>mark read</source>
        <translation>既読</translation>
    </message>
    <message>
        <source>archive</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>tegami::UsersPanel</name>
    <message>
        <source>Domain:</source>
        <translation>ドメイン:</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>すべてのドメイン</translation>
    </message>
    <message>
        <source>New mailbox</source>
        <translation>新しいメールボックス</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>アドレス:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>表示名:</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>パスワードの設定</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>Enabled (can log in and receive mail)</source>
        <translation>有効 (ログオンとメールの受信が可能)</translation>
    </message>
    <message>
        <source>Administrator (cannot use POP3 or IMAP4)</source>
        <translation>管理者 (POP3 と IMAP4 は使用できません)</translation>
    </message>
    <message>
        <source>Protocols:</source>
        <translation>プロトコル:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>無制限</translation>
    </message>
    <message>
        <source>Quota:</source>
        <translation>クォータ:</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>使用量:</translation>
    </message>
    <message>
        <source>All mail in the inbox</source>
        <translation>受信トレイのすべてのメール</translation>
    </message>
    <message>
        <source>Only mail that arrives from now on</source>
        <translation>今後届くメールのみ</translation>
    </message>
    <message>
        <source>POP3 downloads:</source>
        <translation>POP3 のダウンロード:</translation>
    </message>
    <message>
        <source>Keep it on the server</source>
        <translation>サーバーに残す</translation>
    </message>
    <message>
        <source>Mark it as read</source>
        <translation>既読にする</translation>
    </message>
    <message>
        <source>Move it to Archive</source>
        <translation>アーカイブに移動する</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>After a download:</source>
        <translation>ダウンロード後:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>8 文字以上</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>(新規)</translation>
    </message>
    <message>
        <source>Mailbox %1</source>
        <translation>メールボックス %1</translation>
    </message>
    <message>
        <source>new password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>A new mailbox needs a password.</source>
        <translation>新しいメールボックスにはパスワードが必要です。</translation>
    </message>
    <message>
        <source>Mailbox %1 created.</source>
        <translation>メールボックス %1 を作成しました。</translation>
    </message>
    <message>
        <source>Mailbox %1 saved.</source>
        <translation>メールボックス %1 を保存しました。</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>%1 のパスワードを変更しました。</translation>
    </message>
    <message>
        <source>Delete mailbox</source>
        <translation>メールボックスの削除</translation>
    </message>
    <message>
        <source>Delete the mailbox %1 and all of its mail? This cannot be undone.</source>
        <translation>メールボックス %1 とそのすべてのメールを削除しますか? この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Mailbox %1 deleted.</source>
        <translation>メールボックス %1 を削除しました。</translation>
    </message>
</context>
<context>
    <name>tegami::format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 日 %2 時間</translation>
    </message>
    <message>
        <source>SMTP (incoming mail)</source>
        <translation>SMTP (受信メール)</translation>
    </message>
    <message>
        <source>SMTP submission</source>
        <translation>SMTP 送信 (サブミッション)</translation>
    </message>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation>IMAP4</translation>
    </message>
    <message>
        <source>SMTP</source>
        <translation>SMTP</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>サブミッション</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>Implicit TLS</source>
        <translation>暗黙的な TLS</translation>
    </message>
</context>
<context>
    <name>tegami::wizard</name>
    <message>
        <source>Implicit TLS (SSL)</source>
        <translation>暗黙的な TLS (SSL)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (passwords in clear text)</source>
        <translation>なし (パスワードは平文)</translation>
    </message>
    <message>
        <source>TLS before any login (recommended)</source>
        <translation>ログオンの前に TLS (推奨)</translation>
    </message>
    <message>
        <source>Plain commands allowed, passwords only over TLS</source>
        <translation>プレーン コマンドは許可、パスワードは TLS 経由のみ</translation>
    </message>
    <message>
        <source>Passwords allowed without TLS (not recommended)</source>
        <translation>TLS なしのパスワードを許可 (非推奨)</translation>
    </message>
    <message>
        <source>No login (other mail servers deliver)</source>
        <translation>ログオンなし (他のメール サーバーが配信)</translation>
    </message>
    <message>
        <source>Enter a name, for example mail.example.com.</source>
        <translation>名前を入力してください (例: mail.example.com)。</translation>
    </message>
    <message>
        <source>A host name is at most 253 characters.</source>
        <translation>ホスト名は 253 文字以内で指定してください。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid name: use letters, digits and hyphens in labels separated by dots, for example mail.example.com.</source>
        <translation>&apos;%1&apos; は有効な名前ではありません。ドットで区切ったラベルに英字、数字、ハイフンを使用してください (例: mail.example.com)。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not fully qualified: add the domain, for example %1.example.com.</source>
        <translation>&apos;%1&apos; は完全修飾名ではありません。ドメインを追加してください (例: %1.example.com)。</translation>
    </message>
</context>
</TS>
