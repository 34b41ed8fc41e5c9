<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ClientSettingsDocument</name>
    <message>
        <source>SSL/TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (not encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming mail (IMAP4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming mail (POP3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your full email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For addresses at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the office (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From outside (external)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port (encryption)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password: the mailbox&apos;s password (authentication: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing mail needs authentication with the same user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2, port %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsSchema</name>
    <message>
        <source>The server&apos;s fully qualified domain name, used in greetings and matched against TLS certificates. Empty: the machine&apos;s host name.</source>
        <comment>server.fqdn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name clients outside the office use to reach this server (the client-settings card, autoconfig, Autodiscover and DNS records). Empty: server.fqdn.</source>
        <comment>server.externalHostName</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the inbound SMTP (MX) listeners run. Off until an admin enables them.</source>
        <comment>smtp.enabled</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>smtp.bindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>smtp.tlsBindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous inbound SMTP (MX) connections in total.</source>
        <comment>smtp.maxConnections</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous inbound SMTP (MX) connections from one remote address.</source>
        <comment>smtp.maxConnectionsPerAddress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>smtp.timeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether inbound SMTP (MX) sessions are written to the protocol log.</source>
        <comment>smtp.protocolLog</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name clients use for the inbound SMTP (MX) listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>smtp.fqdn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the inbound SMTP (MX) listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>smtp.certificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (advertised with SIZE).</source>
        <comment>smtp.maxMessageSize</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most recipients per message.</source>
        <comment>smtp.maxRecipients</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol errors before the server disconnects.</source>
        <comment>smtp.maxProtocolErrors</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay before answering after a failed command or login.</source>
        <comment>smtp.tarpitSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text after the 220 greeting; empty for the default.</source>
        <comment>smtp.banner</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest command line in bytes (RFC 5321 allows 512 plus room for extension parameters).</source>
        <comment>smtp.maxCommandLength</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest line of message text in bytes. RFC 5321 asks for at least 1000; longer lines are refused with 500 5.5.6.</source>
        <comment>smtp.maxLineLength</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do with a bare LF or CR in message text (SMTP smuggling): reject (default, refused with 5xx) or normalize (turned into CRLF).</source>
        <comment>smtp.bareLineEndings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks (CIDR, e.g. 192.168.1.0/24) allowed to relay without logging in. Empty: nobody relays without authentication.</source>
        <comment>smtp.trustedNetworks</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the SMTP submission listeners run. Off until an admin enables them.</source>
        <comment>submission.enabled</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>submission.bindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>submission.tlsBindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous SMTP submission connections in total.</source>
        <comment>submission.maxConnections</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous SMTP submission connections from one remote address.</source>
        <comment>submission.maxConnectionsPerAddress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>submission.timeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether SMTP submission sessions are written to the protocol log.</source>
        <comment>submission.protocolLog</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name clients use for the SMTP submission listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>submission.fqdn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the SMTP submission listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>submission.certificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (advertised with SIZE).</source>
        <comment>submission.maxMessageSize</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most recipients per message.</source>
        <comment>submission.maxRecipients</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol errors before the server disconnects.</source>
        <comment>submission.maxProtocolErrors</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay before answering after a failed command or login.</source>
        <comment>submission.tarpitSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text after the 220 greeting; empty for the default.</source>
        <comment>submission.banner</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest command line in bytes (RFC 5321 allows 512 plus room for extension parameters).</source>
        <comment>submission.maxCommandLength</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest line of message text in bytes. RFC 5321 asks for at least 1000; longer lines are refused with 500 5.5.6.</source>
        <comment>submission.maxLineLength</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do with a bare LF or CR in message text (SMTP smuggling): reject (default, refused with 5xx) or normalize (turned into CRLF).</source>
        <comment>submission.bareLineEndings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse AUTH until the connection uses TLS. Turning this off sends passwords in clear text.</source>
        <comment>submission.requireTlsForAuth</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy: let an address that logged in by POP3 send for a few minutes without SMTP AUTH. Insecure with shared addresses (NAT); use only for old clients.</source>
        <comment>submission.popBeforeSmtp</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a POP3 login allows sending (POP-before-SMTP).</source>
        <comment>submission.popBeforeSmtpMinutes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A logged-in user may send only as their own address or one of their aliases (MAIL FROM is checked).</source>
        <comment>submission.senderMustMatch</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the POP3 listeners run. Off until an admin enables them.</source>
        <comment>pop3.enabled</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>pop3.bindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>pop3.tlsBindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous POP3 connections in total.</source>
        <comment>pop3.maxConnections</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous POP3 connections from one remote address.</source>
        <comment>pop3.maxConnectionsPerAddress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>pop3.timeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether POP3 sessions are written to the protocol log.</source>
        <comment>pop3.protocolLog</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name clients use for the POP3 listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>pop3.fqdn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the POP3 listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>pop3.certificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secureLogin: TLS before any login (default). plainTextAuthentication: plain-text commands allowed but passwords only over TLS. plainTextLogin: passwords allowed without TLS (not recommended).</source>
        <comment>pop3.loginType</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous connections for one user.</source>
        <comment>pop3.maxConnectionsPerUser</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest command line in bytes.</source>
        <comment>pop3.maxCommandSize</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a logged-in connection is closed.</source>
        <comment>pop3.authenticatedTimeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For new mailboxes: which mail POP3 shows, all (every message in the INBOX) or new (only mail that arrives after the mailbox is created). Each mailbox can be changed later.</source>
        <comment>pop3.defaultScope</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For new mailboxes: what happens on the server after a POP3 client downloads a message: keep it, mark it read, archive it, or delete it.</source>
        <comment>pop3.defaultAfterRetrieval</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the IMAP4 listeners run. Off until an admin enables them.</source>
        <comment>imap.enabled</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for plain-text connections that can upgrade with STARTTLS.</source>
        <comment>imap.bindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses and ports for implicit TLS connections.</source>
        <comment>imap.tlsBindings</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous IMAP4 connections in total.</source>
        <comment>imap.maxConnections</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous IMAP4 connections from one remote address.</source>
        <comment>imap.maxConnectionsPerAddress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a connection that has not logged in is closed.</source>
        <comment>imap.timeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether IMAP4 sessions are written to the protocol log.</source>
        <comment>imap.protocolLog</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name clients use for the IMAP4 listeners (greeting, certificate match). Empty: server.fqdn.</source>
        <comment>imap.fqdn</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id of the TLS certificate for the IMAP4 listeners (`tegamictl cert list`). Empty: tls.defaultCertificate.</source>
        <comment>imap.certificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secureLogin: TLS before any login (default). plainTextAuthentication: plain-text commands allowed but passwords only over TLS. plainTextLogin: passwords allowed without TLS (not recommended).</source>
        <comment>imap.loginType</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most simultaneous connections for one user.</source>
        <comment>imap.maxConnectionsPerUser</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest command line in bytes.</source>
        <comment>imap.maxCommandSize</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds of inactivity before a logged-in connection is closed.</source>
        <comment>imap.authenticatedTimeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For new mailboxes: remove a message as soon as a client marks it deleted, without waiting for the client&apos;s EXPUNGE.</source>
        <comment>imap.defaultAutoExpunge</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For new mailboxes: what removing a message from a folder other than Trash does: trash (move it to Trash), archive (move it to Archive) or delete (standard IMAP).</source>
        <comment>imap.defaultDeleteAction</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest TLS version accepted: 1.2 (default, what every current client speaks) or 1.3. SSL 3.0 and TLS 1.0/1.1 are never accepted.</source>
        <comment>tls.minimumVersion</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id of the TLS certificate used by every listener that has none of its own. Empty: no TLS until a certificate is assigned.</source>
        <comment>tls.defaultCertificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send all outgoing mail through this server (host:port, e.g. smtp.provider.example:587). Empty: deliver straight to each domain&apos;s MX hosts.</source>
        <comment>outbound.smarthost</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption to the smarthost: starttls (required, default), implicit (TLS from the start, usually port 465) or none (not recommended: the password crosses the network).</source>
        <comment>outbound.smarthostTls</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name for AUTH at the smarthost; empty: no AUTH.</source>
        <comment>outbound.smarthostUser</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for AUTH at the smarthost. Stored in settings.json (readable only by the service&apos;s account); never shown or logged.</source>
        <comment>outbound.smarthostPassword</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the smarthost&apos;s TLS certificate against the system&apos;s trusted roots and its name.</source>
        <comment>outbound.smarthostVerifyCertificate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed next hops for some domains, as domain=host:port (e.g. branch.example=10.0.0.5:25); they take precedence over the smarthost and MX records.</source>
        <comment>outbound.routes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse to deliver to MX hosts without STARTTLS (off: TLS when offered, as most servers do).</source>
        <comment>outbound.requireTls</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for a remote server to accept the connection (and, for implicit TLS, to finish the handshake); the greeting then has the 5 minutes RFC 5321 gives it.</source>
        <comment>outbound.connectTimeoutSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait before the first retry of a temporary failure; each later wait doubles.</source>
        <comment>outbound.retrySecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait between two retries.</source>
        <comment>outbound.maxRetrySecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the sender that a message is delayed after this many hours (0: never).</source>
        <comment>outbound.delayNoticeHours</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up and return a message to its sender after this many hours (120 = 5 days).</source>
        <comment>outbound.maxQueueHours</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most outbound connections at once.</source>
        <comment>outbound.maxConcurrentDeliveries</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log: start a new file when the current one reaches this size.</source>
        <comment>log.maxFileSizeMB</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log: delete the oldest files when the folder exceeds this size.</source>
        <comment>log.maxDirectorySizeMB</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log: delete files older than this many days.</source>
        <comment>log.maxAgeDays</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins from one address within the window before it is banned.</source>
        <comment>security.maxFailuresPerAddress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins for one account within the window before it is locked.</source>
        <comment>security.maxFailuresPerAccount</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window in which failed logins are counted.</source>
        <comment>security.failureWindowSecs</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a ban lasts.</source>
        <comment>security.banSecs</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Tegami mail server console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s data directory (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start tegamid when no service answers; wait for one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console&apos;s language: en or ja (default: the Console language setting, else the system locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of every page into DIR and exit (documentation, checks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print how long the window took to paint first, then exit (benchmark).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the first setup wizard once connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::AccountsPage</name>
    <message>
        <source>&lt;h2&gt;Accounts&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ActivityChart</name>
    <message>
        <source>Activity chart: waiting for the service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity chart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::AdminPage</name>
    <message>
        <source>Administrator account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account that receives the server&apos;s reports (postmaster mail, delivery problems).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This account cannot read mail over POP3 or IMAP4.&lt;/b&gt; An administrator&apos;s password opens the whole server, so it should never travel with everyday mail programs, which keep it on phones and laptops and send it every few minutes. Create a normal mailbox for your own mail on the next page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::AliasModel</name>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::AliasesPanel</name>
    <message>
        <source>sales@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alice@example.com, bob@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the alias %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ApplyPlan</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every step was applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 failed:&lt;/b&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What to do:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was left half-applied: the %n step(s) already made were undone. Fix the problem and press Apply again.</source>
        <translation>
            <numerusform>Nothing was left half-applied: the %n step already made were undone. Fix the problem and press Apply again.</numerusform>
            <numerusform>Nothing was left half-applied: the %n steps already made were undone. Fix the problem and press Apply again.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;These could not be undone; check them by hand:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::BanModel</name>
    <message>
        <source>Banned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::BindingProbe</name>
    <message>
        <source>%1 (process %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 0.0.0.0 (every IPv4 address), :: (every IPv6 address) or one address of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine has no address %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 0.0.0.0 or one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) also wants %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two Tegami listeners cannot share an address and port: give one another port, or bind them to different addresses of this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tegami&apos;s %1 listener already uses %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another port, or change the %1 bindings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tegami (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use by another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop or reconfigure that program (`sudo ss -ltnp &apos;sport = :%1&apos;` shows which), or choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop or reconfigure %1, or choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports below %1 need a privilege the service does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With systemd: `sudo systemctl edit tegamid`, add under [Service] the line `AmbientCapabilities=CAP_NET_BIND_SERVICE`, then `sudo systemctl restart tegamid`. Started by hand: `sudo setcap cap_net_bind_service=+ep %1` and start it again. Or choose a port from %2 up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The firewall must let in TCP %1 from where your users and other mail servers connect (for example `sudo ufw allow %2/tcp` or `sudo firewall-cmd --permanent --add-port=%2/tcp`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a program</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::CertificateCheckView</name>
    <message>
        <source>No certificate found: the file must hold PEM text starting with -----BEGIN CERTIFICATE-----.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covered by the wildcard %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not cover %1: mail programs will refuse the connection or warn. The certificate is for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name clients use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Names:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Expires:&lt;/b&gt; %1 (in %n day(s))</source>
        <translation>
            <numerusform>&lt;b&gt;Expires:&lt;/b&gt; %1 (in %n day)</numerusform>
            <numerusform>&lt;b&gt;Expires:&lt;/b&gt; %1 (in %n days)</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Expired&lt;/b&gt; on %1: mail programs refuse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — renew it soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; issued by an authority mail programs trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; self-signed. Mail programs warn until each device is told to trust it; fine for testing or a small office that installs it on every device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust:&lt;/b&gt; not trusted here (%1). Add the authority&apos;s intermediate certificates to the file, or check that the authority is a public one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::CertificateModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::CertificatePage</name>
    <message>
        <source>Choose a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 1 MB: not a certificate file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail programs check that the certificate covers the name they connect to and that they trust who issued it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a self-signed certificate (works at once; each device must be told to trust it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a certificate and key (PEM files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a PKCS#12 file (.pfx, .p12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a request (CSR) for a certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete a request with the authority&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other names clients use, separated by commas (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (CN):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty when the certificate file holds the key too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only for an encrypted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 (*.pfx *.p12);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two letters, e.g. JP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authority&apos;s answer (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every protocol (the default certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use it for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign it anyway (the listeners it does not fit offer no TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (created %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file holds no private key: choose the key file too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open this PKCS#12 file: the password is wrong or it is not a PKCS#12 file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The country is two letters (ISO 3166), for example JP or DE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The certificate does not cover %n listener name(s) above. Use a certificate issued for those names, change the names (server.fqdn, &lt;protocol&gt;.fqdn), or tick &quot;Assign it anyway&quot;.</source>
        <translation>
            <numerusform>The certificate does not cover %n listener name above. Use a certificate issued for those names, change the names (server.fqdn, &lt;protocol&gt;.fqdn), or tick &quot;Assign it anyway&quot;.</numerusform>
            <numerusform>The certificate does not cover %n listener names above. Use a certificate issued for those names, change the names (server.fqdn, &lt;protocol&gt;.fqdn), or tick &quot;Assign it anyway&quot;.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::CertificateWizard</name>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a key and a request for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::CertificatesPage</name>
    <message>
        <source>&lt;h2&gt;Certificates&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use by protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail programs check that the certificate covers the name they connect to and that it is signed by an authority they trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New or imported certificate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every protocol (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use it anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate assigned; new connections use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the certificate %1 and its private key from the server? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no certificate yet, so no listener can offer TLS. Generate a self-signed one or import one with &quot;New or imported certificate...&quot; below (or `tegamictl cert generate`).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ClientSettingsCard</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the card for these server names (nothing is changed on the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal server name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External server name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the service for the client settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the card, to paste into a mail or a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as HTML...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail domain the exported files describe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thunderbird autoconfig...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config-v1.1.xml, served at autoconfig.&lt;domain&gt;/mail/config-v1.1.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlook Autodiscover...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>autodiscover.xml, served at autodiscover.&lt;domain&gt;/autodiscover/autodiscover.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS records...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MX, SPF and SRV (RFC 6186, RFC 8314) records to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client settings are not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no domain yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail-settings.html</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML pages (*.html *.htm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the client settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XML files (*.xml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt *.zone);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you hand this out:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ClientSettingsPage</name>
    <message>
        <source>SSL/TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give your users these settings for their mail programs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From outside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1, %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not running: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name: the full e-mail address. Authentication: normal password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ConfigurationChecksPanel</name>
    <message>
        <source>Checking the configuration...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found in the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No problems found; %n note(s) below.</source>
        <translation>
            <numerusform>No problems found; %n note below.</numerusform>
            <numerusform>No problems found; %n notes below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found. Each row says where to fix it.</source>
        <translation>
            <numerusform>%n problem found. Each row says where to fix it.</numerusform>
            <numerusform>%n problems found. Each row says where to fix it.</numerusform>
        </translation>
    </message>
    <message>
        <source>First setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wizard...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wizard walks through the fix step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ConnectivityTestPanel</name>
    <message>
        <source>plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>implicit TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service connects to its own listeners the way a mail client does: it logs in, sends a test message through authenticated SMTP, finds it by IMAP4 and POP3 and deletes it. Each step says whether it worked, how long it took and why it failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP (authenticated submission)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as configured (this server&apos;s listeners)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS (SSL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a temporary test mailbox (created for the test and removed after it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this mailbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust any certificate (self-signed setups)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login only (skip sending and fetching a message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long each step may take before it counts as failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the test mailbox&apos;s address and password, or use a temporary test mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing... the service is connecting to its listeners.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every test passed, with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 protocol test(s) failed, with %2. The details say why; the protocol log shows each session.</source>
        <translation>
            <numerusform>%n of %1 protocol test failed, with %2. The details say why; the protocol log shows each session.</numerusform>
            <numerusform>%n of %1 protocol tests failed, with %2. The details say why; the protocol log shows each session.</numerusform>
        </translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2:%3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this session&apos;s transcript in the protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the temporary mailbox %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A port applies to a test of one protocol; as configured, every listener is tested.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::DashboardPage</name>
    <message>
        <source>Connecting to the service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity in the last 3 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;No protocol is enabled, so nothing listens for mail. Enable one on the Protocols page.&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered to mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to other servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deferred (will retry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Tegami on %1&lt;/h2&gt;Running for %2 &amp;middot; %3, %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n domain(s)</source>
        <translation>
            <numerusform>%n domain</numerusform>
            <numerusform>%n domains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es)</source>
        <translation>
            <numerusform>%n mailbox</numerusform>
            <numerusform>%n mailboxes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n alias(es)</source>
        <translation>
            <numerusform>%n alias</numerusform>
            <numerusform>%n aliases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::DiagnosticsPage</name>
    <message>
        <source>&lt;h2&gt;Diagnostics&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connectivity test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connectivity test passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connectivity test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What users enter in their mail clients. Print it or copy it for them, or export the files that let mail clients set themselves up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration check (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::DomainModel</name>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::DomainsPanel</name>
    <message>
        <source>Tegami accepts mail for these domains. Their DNS MX records should name this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop accepting mail for %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::DonePage</name>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The service now works as chosen (%n change(s) applied).</source>
        <translation>
            <numerusform>The service now works as chosen (%n change applied).</numerusform>
            <numerusform>The service now works as chosen (%n changes applied).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests (*.csr *.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is in use. Mail programs see it on their next connection; nothing had to restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this request to your certificate authority. When it answers, run this wizard again and choose &quot;Complete a request&quot;. The private key stays on the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::FieldEditor</name>
    <message>
        <source>Secure login (TLS before any password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain-text authentication (SASL without TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain-text login (passwords without TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept and convert to CRLF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (clear text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS 1.2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS 1.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none; separate several with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(automatic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(set; type to change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings (plain, STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings (implicit TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection limit per client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection limit per user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout before login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout after login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name (FQDN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum command size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum message size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol errors before disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tarpit delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum command length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum line length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bare line endings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted networks (relay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require TLS for AUTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP-before-SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP-before-SMTP window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender must match the login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum TLS version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart host encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart host user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart host password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the smart host&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require TLS to other servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First retry after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest retry interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay notice after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simultaneous deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep files for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins per address before a ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins per account before a lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All mail in the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only mail that arrives from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark it as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail shown to POP3 (new mailboxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a POP3 download (new mailboxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove deleted mail at once (new mailboxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting a message (new mailboxes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::FirstRunPages</name>
    <message>
        <source>Enter the part before the @, for example alice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be the part before the @: use letters, digits, dots (not at the ends) and - _ +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a password of at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::FirstRunWizard</name>
    <message>
        <source>Set up Tegami</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept mail for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the domain already exists, this is not a fresh setup: use the Accounts page instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the administrator account %1 (no POP3 or IMAP4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the mailbox %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the accounts pages and check the address and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::JsonTableModel</name>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ListenerModel</name>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (until %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening, without TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening; no TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogExport</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogFilterBar</name>
    <message>
        <source>Show one protocol only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One session id, e.g. 3f2a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address (any port), address:port, or a prefix ending in &apos;.&apos; or &apos;:&apos; such as 198.51.100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the user name. Before a login succeeds events carry no user, so their data is searched: a failed login of this user shows too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text in the data column, or a regular expression when Regex is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treat the search as a regular expression (Perl syntax)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands from the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&gt; Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies to the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes from the server: TLS, authentication results, policy decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+/- Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connects and disconnects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogPage</name>
    <message>
        <source>&lt;h2&gt;Protocol log&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogTranscriptDialog</name>
    <message>
        <source>Session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[… %n event(s) missing …]</source>
        <translation>
            <numerusform>[… %n event missing …]</numerusform>
            <numerusform>[… %n events missing …]</numerusform>
        </translation>
    </message>
    <message>
        <source>No stored events of session %1 (they may have left the buffer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Session %1 · %2 · %3 → %4 · %5 · %n event(s)</source>
        <translation>
            <numerusform>Session %1 · %2 · %3 → %4 · %5 · %n event</numerusform>
            <numerusform>Session %1 · %2 · %3 → %4 · %5 · %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogViewMatcher</name>
    <message>
        <source>Invalid regular expression at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogViewModel</name>
    <message>
        <source>connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (UTC %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events of this session are missing before this one (its sequence numbers jump).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::LogViewerPage</name>
    <message>
        <source>Following newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest event in view. Scrolling up or clicking a row pauses; new events keep arriving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A day of the log files on the server (days with files are bold in the calendar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (Exchange protocol log columns)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the service. The live log resumes when the connection is back; events until then are not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtering %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new live event(s) since this day was opened</source>
        <translation>
            <numerusform>%n new live event since this day was opened</numerusform>
            <numerusform>%n new live events since this day was opened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n new event(s) below</source>
        <translation>
            <numerusform>Paused: %n new event below</numerusform>
            <numerusform>Paused: %n new events below</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) lost: the viewer fell behind the service</source>
        <translation>
            <numerusform>%n event lost: the viewer fell behind the service</numerusform>
            <numerusform>%n events lost: the viewer fell behind the service</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing according to sequence numbers</source>
        <translation>
            <numerusform>%n missing according to sequence numbers</numerusform>
            <numerusform>%n missing according to sequence numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped in a burst larger than the buffer</source>
        <translation>
            <numerusform>%n skipped in a burst larger than the buffer</numerusform>
            <numerusform>%n skipped in a burst larger than the buffer</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copy %n row(s)</source>
        <translation>
            <numerusform>Copy %n row</numerusform>
            <numerusform>Copy %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Show session %1 only…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1? The server will refuse every connection from this address until the ban is lifted on the Security page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned from the protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banning %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnecting session %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not ban %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not disconnect session %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past day %1 from the log files: loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past day %1: could not read the log files: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 shown of %Ln event(s) in memory (at most %2)</source>
        <translation>
            <numerusform>%1 shown of %Ln event in memory (at most %2)</numerusform>
            <numerusform>%1 shown of %Ln events in memory (at most %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: loading… %Ln event(s) so far</source>
        <translation>
            <numerusform>Past day %1 from the log files: loading… %Ln event so far</numerusform>
            <numerusform>Past day %1 from the log files: loading… %Ln events so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: the first %Ln event(s) (the viewer&apos;s limit). Use tegamictl or the files for the rest.</source>
        <translation>
            <numerusform>Past day %1 from the log files: the first %Ln event (the viewer&apos;s limit). Use tegamictl or the files for the rest.</numerusform>
            <numerusform>Past day %1 from the log files: the first %Ln events (the viewer&apos;s limit). Use tegamictl or the files for the rest.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past day %1 from the log files: %Ln event(s). Live events keep arriving in the background.</source>
        <translation>
            <numerusform>Past day %1 from the log files: %Ln event. Live events keep arriving in the background.</numerusform>
            <numerusform>Past day %1 from the log files: %Ln events. Live events keep arriving in the background.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::LoginFailureModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::MailboxesPage</name>
    <message>
        <source>First mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The people who will read mail here. You can add more later on the Accounts page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the administrator account; choose another address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one mailbox: the administrator account cannot read mail with a mail program.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::MainWindow</name>
    <message>
        <source>Tegami Mail Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service stopped or is restarting; reconnecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the service for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service was running for %1, so the console started it (tegamid, process %2). It keeps running when the console closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service is running for %1, and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service at %1 is not reachable (%2); trying again in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit the console (the service keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tegami: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service has no mail domain and no mailbox yet. The setup wizard takes you through the first steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set up Tegami...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First setup...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable &amp;protocols...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS &amp;certificate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports and &amp;bindings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wizard needs the service: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::OrganisationPage</name>
    <message>
        <source>Your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Tegami. A few steps set up mail for your office; nothing changes until you apply them at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail domain is the part after the @ in your addresses. Tegami accepts mail for it; you can add more domains later on the Accounts page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail domain:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::PortsPage</name>
    <message>
        <source>Ports and addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where each listener waits for connections. 0.0.0.0 means every IPv4 address of this machine, :: every IPv6 address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Listener&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Address&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Port&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No protocol is enabled, so nothing listens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) above: these listeners could not start. Change the ports or addresses.</source>
        <translation>
            <numerusform>%n problem above: these listeners could not start. Change the ports or addresses.</numerusform>
            <numerusform>%n problems above: these listeners could not start. Change the ports or addresses.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::PortsWizard</name>
    <message>
        <source>Ports and bindings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolChoicePage</name>
    <message>
        <source>POP3 downloads the mail of one folder, the inbox, to one device and usually deletes it on the server. It suits one computer per person that keeps its own copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP4 keeps mail and folders on the server, so a phone, a laptop and webmail all see the same mailbox. It suits anyone who reads mail on several devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets users&apos; mail programs send mail after logging in. Every client needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receives mail for your domains from other mail servers (the MX, port 25). Needs a DNS MX record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how mail programs reach the server. Encryption protects passwords and mail on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Protocol&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Encryption&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Login&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS when the sender supports it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without encryption, passwords and mail cross the network readable by anyone on the way. Use it only for old programs on a trusted network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords may be sent before TLS starts; a client that skips STARTTLS sends them readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one protocol: without one, no mail program can reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolPanel</name>
    <message>
        <source>Receives mail from other mail servers for your domains (port 25, the MX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets your users&apos; mail programs send mail after logging in (ports 587 and 465).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets mail programs download mail (ports 110 and 995).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets mail programs read and organise mail on the server (ports 143 and 993).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No listener is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enabled: nothing listens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disabled; open sessions finish.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolsPage</name>
    <message>
        <source>&lt;h2&gt;Protocols&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ProtocolsWizard</name>
    <message>
        <source>Enable protocols</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::QueueModel</name>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;&gt; (bounce)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2, %n attempt(s)</source>
        <translation>
            <numerusform>%1: %2, %n attempt</numerusform>
            <numerusform>%1: %2, %n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>, last tried %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::QueuePage</name>
    <message>
        <source>&lt;h2&gt;Queue&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the message from the queue without telling its sender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see each recipient&apos;s state and last error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is empty: every message has been delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting for delivery.</source>
        <translation>
            <numerusform>%n message waiting for delivery.</numerusform>
            <numerusform>%n messages waiting for delivery.</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1 from %2, %3, queued %4, expires %5

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying every queued message now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying the message now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete queued message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message %1 from the queue? Its sender is not told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 deleted from the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::SecurityPage</name>
    <message>
        <source>&lt;h2&gt;Security&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current bans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses with too many failed logins are banned for a while, and accounts locked; the limits are on the Settings page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>198.51.100.7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ban on %1 was lifted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is banned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ServerNamePage</name>
    <message>
        <source>Server name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full name mail programs and other servers use to reach this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a name with a DNS record pointing at this server, for example mail.example.com. It appears in greetings and must match the TLS certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server FQDN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1 in DNS...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS does not know %1 yet. Mail programs outside this machine need an A record for it; you can continue and add it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points at %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ServiceClient</name>
    <message>
        <source>Not available in this service version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the service (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the console disconnected from the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service is not reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::ServiceHealth</name>
    <message>
        <source>Connecting to the service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is not reachable; reconnecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is not reachable; retrying...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not listening: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate for %1 expires on %2; renew it on the Certificates page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tegami is running on %1 with %n listener(s).</source>
        <translation>
            <numerusform>Tegami is running on %1 with %n listener.</numerusform>
            <numerusform>Tegami is running on %1 with %n listeners.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tegami::ServiceLauncher</name>
    <message>
        <source>the service program was not found at %1. Install Tegami completely, or start the service yourself: tegamid --data-dir &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the service could not be started (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system service is not running, or you may not use it. Start it with `%1`; to manage it without root, join the group that may use its control socket (sudo adduser $USER tegami, then log in again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system service could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::SessionModel</name>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::SettingsForm</name>
    <message>
        <source>%1 is not listening: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect after the service restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) saved and applied.</source>
        <translation>
            <numerusform>%n setting saved and applied.</numerusform>
            <numerusform>%n settings saved and applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) saved; %1 refused (see the messages at the fields).</source>
        <translation>
            <numerusform>%n setting saved; %1 refused (see the messages at the fields).</numerusform>
            <numerusform>%n settings saved; %1 refused (see the messages at the fields).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 takes effect after the service restarts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::SettingsPage</name>
    <message>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tegami %1, process %2, running for %3.
Data directory: %4
Host name: %5
Protocol log folder: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when the console is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console language saved: %1. It takes effect when the console is started again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply makes these changes in this order. If one fails, the ones already made are undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: the service already works this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::TegamiWizard</name>
    <message>
        <source>Go back to the ports page and choose a free port, or stop the program that holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: implicit TLS on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: plain or STARTTLS on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: login type %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a self-signed certificate for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the names (letters, digits, hyphens and dots only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the file holds the certificate and its private key (or choose the key file), and the key&apos;s passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the certificate (PKCS#12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file&apos;s password; export it again with its private key if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the certificate request with the authority&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the certificate the authority issued for this request (PEM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the certificate for every protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the certificate for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the listener names (server.fqdn, &lt;protocol&gt;.fqdn) match the certificate, or use a certificate issued for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no implicit TLS listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no plain or STARTTLS listener</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::UserModel</name>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mail, then %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mark read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::UsersPanel</name>
    <message>
        <source>Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled (can log in and receive mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator (cannot use POP3 or IMAP4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All mail in the inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only mail that arrives from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 downloads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark it as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a download:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new mailbox needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the mailbox %1 and all of its mail? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::format</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP (incoming mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implicit TLS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tegami::wizard</name>
    <message>
        <source>Implicit TLS (SSL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (passwords in clear text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS before any login (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain commands allowed, passwords only over TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords allowed without TLS (not recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No login (other mail servers deliver)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name, for example mail.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host name is at most 253 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid name: use letters, digits and hyphens in labels separated by dots, for example mail.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not fully qualified: add the domain, for example %1.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
